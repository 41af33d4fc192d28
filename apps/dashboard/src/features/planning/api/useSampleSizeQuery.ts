import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SampleSizeResponse } from '@resonance/contracts';
import { apiGet } from '../../../shared/api/http';
import type { PlannerDesign } from '../utils/plannerForm';
import { planningKeys } from './planningKeys';

export type SampleSizeParams = PlannerDesign & ({ minRelativeLift: number } | { impressionsPerArm: number });

/**
 * `GET /planning/sample-size`: impressions per creative per segment for a lift, or (with
 * impressionsPerArm) the smallest detectable lift. Disabled while the form is invalid (null).
 */
export function useSampleSizeQuery(params: SampleSizeParams | null) {
  return useQuery({
    queryKey: planningKeys.sampleSize({ ...params }),
    queryFn: ({ signal }) => apiGet<SampleSizeResponse>('/planning/sample-size', { signal, query: { ...params } }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
