import type { AnalyticsMetricId, MetricDelta, SummaryResponse } from '@resonance/contracts';
import { isSuppressedValue, numberOrNull, type WireNumber } from './format';

export const KPI_METRICS = ['impressions', 'reach', 'engagements', 'engagementRate', 'resourceClicks'] as const satisfies readonly AnalyticsMetricId[];
export type KpiMetric = (typeof KPI_METRICS)[number];

export type Trend = 'up' | 'down' | 'flat' | 'unknown';

export interface KpiModel {
  id: KpiMetric;
  label: string;
  kind: 'count' | 'rate';
  value: WireNumber;
  previous: WireNumber;
  delta: MetricDelta | null;
  trend: Trend;
  /** A short note under the figure (reach is de-duplicated, not a sum). */
  note: string | null;
}

const LABELS: Record<KpiMetric, string> = {
  impressions: 'Impressions',
  reach: 'Reach',
  engagements: 'Engagements',
  engagementRate: 'Engagement rate',
  resourceClicks: 'Resource clicks',
};

export function trendOf(delta: MetricDelta | null | undefined): Trend {
  if (!delta || isSuppressedValue(delta.absolute)) return 'unknown';
  const n = numberOrNull(delta.absolute);
  if (n === null) return 'unknown';
  return n > 0 ? 'up' : n < 0 ? 'down' : 'flat';
}

/** The five headline cards, with the previous period and change when the summary has them. */
export function toKpis(summary: SummaryResponse): KpiModel[] {
  return KPI_METRICS.map((id) => {
    const delta = summary.deltas?.[id] ?? null;
    return {
      id,
      label: summary.meta.definitions[id]?.label ?? LABELS[id],
      kind: id === 'engagementRate' ? 'rate' : 'count',
      value: summary.current[id],
      previous: summary.comparison ? summary.comparison[id] : undefined,
      delta,
      trend: trendOf(delta),
      note:
        id === 'reach'
          ? summary.current.reach === null
            ? (summary.meta.reach.notDerivable ?? 'Not derivable for this view.')
            : 'Distinct people, de-duplicated — not a sum of days or platforms.'
          : null,
    };
  });
}
