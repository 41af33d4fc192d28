import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BreakdownResponse, SummaryResponse, TimeseriesResponse } from '@resonance/contracts';
import { apiGet } from '../../api/http';
import { comparisonRange } from '../../utils/filters';
import { deltasOf } from '../utils/deltas';
import { analyticsKeys } from './analyticsKeys';
import { toAnalyticsParams, type AnalyticsFilters, type QueryParams } from './analyticsQuery';

/** Params of the year-earlier request, when the filters compare with the same period last year. */
function yearEarlierParams(filters: AnalyticsFilters, extra: QueryParams): QueryParams | null {
  if (filters.compare !== 'previous_year') return null;
  const range = comparisonRange(filters);
  return range ? toAnalyticsParams({ ...filters, ...range, compare: 'none' }, extra) : null;
}

async function fetchWithYearEarlier<T>(
  path: string,
  params: QueryParams,
  earlier: QueryParams | null,
  signal: AbortSignal,
  merge: (cur: T, prev: T) => T,
): Promise<T> {
  if (!earlier) return apiGet<T>(path, { query: params, signal });
  const [cur, prev] = await Promise.all([
    apiGet<T>(path, { query: params, signal }),
    apiGet<T>(path, { query: earlier, signal }),
  ]);
  return merge(cur, prev);
}

export function useSummaryQuery(filters: AnalyticsFilters) {
  const params = toAnalyticsParams(filters);
  const earlier = yearEarlierParams(filters, {});
  return useQuery({
    queryKey: analyticsKeys.summary({ ...params, yearEarlier: earlier ? 'true' : undefined }),
    queryFn: ({ signal }) =>
      fetchWithYearEarlier<SummaryResponse>('/analytics/summary', params, earlier, signal, (cur, prev) => ({
        ...cur,
        comparison: prev.current,
        deltas: deltasOf(cur.current, prev.current),
      })),
    placeholderData: keepPreviousData,
  });
}

export function useTimeseriesQuery(filters: AnalyticsFilters, granularity: string) {
  const params = toAnalyticsParams(filters, { granularity });
  const earlier = yearEarlierParams(filters, { granularity });
  return useQuery({
    queryKey: analyticsKeys.timeseries({ ...params, yearEarlier: earlier ? 'true' : undefined }),
    queryFn: ({ signal }) =>
      fetchWithYearEarlier<TimeseriesResponse>('/analytics/timeseries', params, earlier, signal, (cur, prev) => ({
        ...cur,
        comparison: prev.current,
      })),
    placeholderData: keepPreviousData,
  });
}

export function useBreakdownQuery(filters: AnalyticsFilters, by: string, extra: QueryParams = {}) {
  // Breakdowns show the current period only: a bar per row, no comparison.
  const params = toAnalyticsParams({ ...filters, compare: 'none' }, { by, ...extra });
  return useQuery({
    queryKey: analyticsKeys.breakdown(params),
    queryFn: ({ signal }) => apiGet<BreakdownResponse>('/analytics/breakdown', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}
