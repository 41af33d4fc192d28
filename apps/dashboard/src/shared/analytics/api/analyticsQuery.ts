import type { AnalyticsQuery, Granularity } from '@resonance/contracts';
import type { DashboardFilters } from '../../utils/filters';

export type QueryParams = Record<string, string | readonly string[] | undefined>;

/** The filters an analytics request uses (the shared URL filters, or a subset of them). */
export type AnalyticsFilters = Pick<
  DashboardFilters,
  'from' | 'to' | 'campaignId' | 'platform' | 'segmentId' | 'compare'
>;

/** What the page's comparison asks of the server: both periods come in one answer. */
const SERVER_COMPARE: Record<AnalyticsFilters['compare'], AnalyticsQuery['compare']> = {
  previous_period: 'previous',
  previous_year: 'yearEarlier',
  none: undefined,
};

/**
 * The query string of every analytics route, from the page filters. The comparison (the previous
 * period, or the same dates a year earlier) is asked of the server in the same request.
 */
export function toAnalyticsParams(filters: AnalyticsFilters, extra: QueryParams = {}): QueryParams {
  return {
    from: filters.from,
    to: filters.to,
    campaign: filters.campaignId ?? undefined,
    platform: filters.platform ?? undefined,
    segment: filters.segmentId ?? undefined,
    compare: SERVER_COMPARE[filters.compare],
    ...extra,
  };
}

/** Day buckets up to ~3 months, weeks up to ~2 years, months beyond. */
export function granularityFor(days: number): Granularity {
  if (days <= 92) return 'day';
  if (days <= 730) return 'week';
  return 'month';
}

/** The server's exports (`/exports/<name>.csv|xlsx`): one per analytics table. */
export type ExportName =
  | 'summary'
  | 'timeseries'
  | 'breakdown'
  | 'segments'
  | 'creatives'
  | 'platform-reach'
  | 'posts'
  | 'spend'
  | 'segment-spend'
  | 'compare';
