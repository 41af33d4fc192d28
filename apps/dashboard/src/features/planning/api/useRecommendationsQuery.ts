import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RecommendationsResponse } from '@resonance/contracts';
import { apiGet } from '../../../shared/api/http';
import { planningKeys } from './planningKeys';

/** `GET /planning/recommendations`: formats, platforms and themes ranked per segment. */
export function useRecommendationsQuery(params: { observance: string; segments: readonly string[] }) {
  return useQuery({
    queryKey: planningKeys.recommendations(params),
    queryFn: ({ signal }) =>
      apiGet<RecommendationsResponse>('/planning/recommendations', {
        signal,
        query: { observance: params.observance, segment: params.segments.join(',') },
      }),
    placeholderData: keepPreviousData,
  });
}
