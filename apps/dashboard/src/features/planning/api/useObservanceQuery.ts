import { useQuery } from '@tanstack/react-query';
import type { ObservanceDetail } from '@resonance/contracts';
import { apiGet } from '../../../shared/api/http';
import { planningKeys } from './planningKeys';

/** `GET /planning/observances/:id`: the observance, its occurrences and the org's linked campaigns. */
export function useObservanceQuery(id: string) {
  return useQuery({
    queryKey: planningKeys.observance(id),
    queryFn: ({ signal }) => apiGet<ObservanceDetail>(`/planning/observances/${encodeURIComponent(id)}`, { signal }),
  });
}
