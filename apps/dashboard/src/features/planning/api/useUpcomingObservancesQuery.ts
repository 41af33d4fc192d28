import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { UpcomingObservancesResponse } from '@resonance/contracts';
import { apiGet } from '../../../shared/api/http';
import { planningKeys } from './planningKeys';

/**
 * `GET /planning/observances/upcoming`: occurrences overlapping the next `months` months from `from`
 * (default: today in the organisation's time zone, which the answer's `from` states).
 */
export function useUpcomingObservancesQuery(params: { from?: string; months: number; region: string | null }) {
  return useQuery({
    queryKey: planningKeys.upcoming(params),
    queryFn: ({ signal }) =>
      apiGet<UpcomingObservancesResponse>('/planning/observances/upcoming', {
        signal,
        query: { from: params.from, months: params.months, region: params.region },
      }),
    placeholderData: keepPreviousData,
  });
}
