import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CreativeMatrixResponse } from '@resonance/contracts';
import { apiGet } from '../../api/http';
import { analyticsKeys } from './analyticsKeys';
import { toAnalyticsParams, type AnalyticsFilters } from './analyticsQuery';

/** The matrix's query: the page filters, and the segments to compare (default: the age-group presets). */
export function creativeMatrixParams(filters: AnalyticsFilters, segments: readonly string[]) {
  return toAnalyticsParams(
    { ...filters, segmentId: null, compare: 'none' },
    { segment: segments.length > 0 ? segments : undefined },
  );
}

export function useCreativeMatrixQuery(filters: AnalyticsFilters, segments: readonly string[]) {
  const params = creativeMatrixParams(filters, segments);
  return useQuery({
    queryKey: analyticsKeys.creatives(params),
    queryFn: ({ signal }) => apiGet<CreativeMatrixResponse>('/analytics/creatives', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}
