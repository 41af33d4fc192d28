import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { YoyResponse } from '@resonance/contracts';
import { apiGet } from '../../../shared/api/http';
import { planningKeys } from './planningKeys';

/** `GET /planning/yoy`: engagement per year on the observance's own window, per segment. */
export function useYoyQuery(params: { observance: string; segments: readonly string[] }) {
  return useQuery({
    queryKey: planningKeys.yoy(params),
    queryFn: ({ signal }) =>
      apiGet<YoyResponse>('/planning/yoy', {
        signal,
        query: { observance: params.observance, segment: params.segments.join(',') },
      }),
    placeholderData: keepPreviousData,
  });
}
