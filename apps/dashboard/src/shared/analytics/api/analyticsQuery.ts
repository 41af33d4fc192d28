import type { AnalyticsQuery, Granularity } from '@resonance/contracts';
import type { DashboardFilters } from '../../utils/filters';

export type QueryParams = Record<string, string | readonly string[] | undefined>;

/** The filters an analytics request uses (the shared URL filters, or a subset of them). */
export type AnalyticsFilters = Pick<
  DashboardFilters,
  'from' | 'to' | 'campaignId' | 'platform' | 'segmentId' | 'compare'
>;

/**
 * The query string of every analytics route, from the page filters. `compare=previous` is asked of
 * the server for the previous period; the same period last year is a second request (see hooks).
 */
export function toAnalyticsParams(filters: AnalyticsFilters, extra: QueryParams = {}): QueryParams {
  return {
    from: filters.from,
    to: filters.to,
    campaign: filters.campaignId ?? undefined,
    platform: filters.platform ?? undefined,
    segment: filters.segmentId ?? undefined,
    compare: filters.compare === 'previous_period' ? ('previous' satisfies AnalyticsQuery['compare']) : undefined,
    ...extra,
  };
}

/** Day buckets up to ~3 months, weeks up to ~2 years, months beyond. */
export function granularityFor(days: number): Granularity {
  if (days <= 92) return 'day';
  if (days <= 730) return 'week';
  return 'month';
}

export type ExportName = 'summary' | 'timeseries' | 'breakdown' | 'segments' | 'creatives';
