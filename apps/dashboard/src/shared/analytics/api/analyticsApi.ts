import { createContext, useContext } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  BreakdownResponse,
  BreakdownsResponse,
  CreativeMatrixResponse,
  InsightsResponse,
  ReportedPeriodsResponse,
  SegmentReportResponse,
  SummaryResponse,
  TimeseriesResponse,
} from '@resonance/contracts';
import { apiGet } from '../../api/http';
import { toAnalyticsParams, type AnalyticsFilters, type QueryParams } from './analyticsQuery';

/**
 * True while an analytics page is still choosing its first view (the user's last view, or the latest
 * campaign's window): its cards wait instead of first asking for the default period (see useAnalyticsPage).
 */
export const FirstViewPendingContext = createContext(false);

/** Whether the page's filters are settled, so its queries may run. */
export function useFiltersSettled(): boolean {
  return !useContext(FirstViewPendingContext);
}

/** Query keys: every filter is in the key, so a changed filter is a new query. */
export const analyticsKeys = {
  all: ['analytics'] as const,
  summary: (params: QueryParams) => ['analytics', 'summary', params] as const,
  timeseries: (params: QueryParams) => ['analytics', 'timeseries', params] as const,
  breakdown: (params: QueryParams) => ['analytics', 'breakdown', params] as const,
  breakdowns: (params: QueryParams) => ['analytics', 'breakdowns', params] as const,
  segmentReport: (params: QueryParams) => ['analytics', 'segments', params] as const,
  creatives: (params: QueryParams) => ['analytics', 'creatives', params] as const,
  insights: (params: QueryParams) => ['analytics', 'insights', params] as const,
  reportedPeriods: (params: QueryParams) => ['analytics', 'reported-periods', params] as const,
};

/** Summary of the period; with a comparison, the compared period and the deltas in the same answer. */
export function useSummaryQuery(filters: AnalyticsFilters) {
  const params = toAnalyticsParams(filters);
  return useQuery({
    queryKey: analyticsKeys.summary(params),
    queryFn: ({ signal }) => apiGet<SummaryResponse>('/analytics/summary', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled: useFiltersSettled(),
  });
}

/** Timeseries of the period; with a comparison, its buckets aligned by position in the same answer. */
export function useTimeseriesQuery(filters: AnalyticsFilters, granularity: string) {
  const params = toAnalyticsParams(filters, { granularity });
  return useQuery({
    queryKey: analyticsKeys.timeseries(params),
    queryFn: ({ signal }) => apiGet<TimeseriesResponse>('/analytics/timeseries', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled: useFiltersSettled(),
  });
}

export function useBreakdownQuery(filters: AnalyticsFilters, by: string, extra: QueryParams = {}, enabled = true) {
  // Breakdowns show the current period only: a bar per row, no comparison.
  const params = toAnalyticsParams({ ...filters, compare: 'none' }, { by, ...extra });
  return useQuery({
    queryKey: analyticsKeys.breakdown(params),
    queryFn: ({ signal }) => apiGet<BreakdownResponse>('/analytics/breakdown', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled: useFiltersSettled() && enabled,
  });
}

/**
 * One breakdown out of a page's group (`GET /analytics/breakdowns?each=…`): every card of the group
 * shares one request (the same query key), each selecting its own dimension.
 */
export function useGroupedBreakdownQuery(
  filters: AnalyticsFilters,
  group: readonly string[],
  by: string,
  enabled = true,
) {
  const params = toAnalyticsParams({ ...filters, compare: 'none' }, { each: group.join(',') });
  return useQuery({
    queryKey: analyticsKeys.breakdowns(params),
    queryFn: ({ signal }) => apiGet<BreakdownsResponse>('/analytics/breakdowns', { query: params, signal }),
    select: (res: BreakdownsResponse): BreakdownResponse => {
      const found = res.items.find((item) => item.by.length === 1 && item.by[0] === by);
      if (!found) throw new Error(`The breakdowns answer has no ${by}: add it to the page's group`);
      return found;
    },
    placeholderData: keepPreviousData,
    enabled: useFiltersSettled() && enabled,
  });
}

/**
 * The segment report: one row per segment, current vs previous period. The page's segment filter
 * is not applied here (the report is about the segments themselves); `segments` picks the rows.
 */
export function useSegmentReportQuery(filters: AnalyticsFilters, segments: readonly string[], enabled = true) {
  const params = segmentReportParams(filters, segments);
  return useQuery({
    queryKey: analyticsKeys.segmentReport(params),
    queryFn: ({ signal }) => apiGet<SegmentReportResponse>('/analytics/segments', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled: useFiltersSettled() && enabled,
  });
}

export function segmentReportParams(filters: AnalyticsFilters, segments: readonly string[]) {
  return toAnalyticsParams(
    { ...filters, segmentId: null, compare: 'previous_period' },
    { segment: segments.length > 0 ? segments : undefined },
  );
}

/** The matrix's query: the page filters, and the segments to compare (default: the age-group presets). */
export function creativeMatrixParams(filters: AnalyticsFilters, segments: readonly string[]) {
  return toAnalyticsParams(
    { ...filters, segmentId: null, compare: 'none' },
    { segment: segments.length > 0 ? segments : undefined },
  );
}

export function useCreativeMatrixQuery(filters: AnalyticsFilters, segments: readonly string[], enabled = true) {
  const params = creativeMatrixParams(filters, segments);
  return useQuery({
    queryKey: analyticsKeys.creatives(params),
    queryFn: ({ signal }) => apiGet<CreativeMatrixResponse>('/analytics/creatives', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled: useFiltersSettled() && enabled,
  });
}

/** `GET /analytics/insights`: differences beyond chance, strongest first. */
export function useInsightsQuery(filters: AnalyticsFilters, enabled = true) {
  // On /insights `segment` names the segments to analyse (default: the age presets), not a filter.
  const params = toAnalyticsParams({ ...filters, segmentId: null, compare: 'none' });
  return useQuery({
    queryKey: analyticsKeys.insights(params),
    queryFn: ({ signal }) => apiGet<InsightsResponse>('/analytics/insights', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled: useFiltersSettled() && enabled,
  });
}

/** `GET /analytics/reported-periods`: per-post (lifetime) and multi-day figures at the period they cover. */
export function useReportedPeriodsQuery(filters: AnalyticsFilters) {
  const params = toAnalyticsParams({ ...filters, compare: 'none' });
  return useQuery({
    queryKey: analyticsKeys.reportedPeriods(params),
    queryFn: ({ signal }) => apiGet<ReportedPeriodsResponse>('/analytics/reported-periods', { query: params, signal }),
    placeholderData: keepPreviousData,
    enabled: useFiltersSettled(),
  });
}
