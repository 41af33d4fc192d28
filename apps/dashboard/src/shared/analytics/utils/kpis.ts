import { SKETCH_EXPLICIT_LIMIT } from '@resonance/analytics';
import type { AnalyticsMetricId, MetricDelta, SummaryResponse } from '@resonance/contracts';
import {
  formatSignedChange,
  formatSignedPercent,
  isSuppressedValue,
  numberOrNull,
  suppressedText,
  type WireNumber,
} from '../../format';

export const KPI_METRICS = [
  'impressions',
  'reach',
  'engagements',
  'engagementRate',
  'resourceClicks',
] as const satisfies readonly AnalyticsMetricId[];
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
            : reachNote(summary.meta.reach, summary.current.reach, summary.current.impressions)
          : null,
    };
  });
}

/**
 * Reach is de-duplicated; when the figure on the card was estimated from sketches (the response says
 * `sketch` and the figure is above the exact limit), the card says how closely.
 */
export function reachNote(
  reach: SummaryResponse['meta']['reach'],
  value: WireNumber,
  impressions?: WireNumber,
): string {
  const base = 'Distinct people, de-duplicated — not a sum of days or platforms.';
  const n = numberOrNull(value);
  // Figures from platform exports have no people behind them: without a word, "Reach 0" beside
  // thousands of impressions reads as a fault.
  if (n === 0 && (numberOrNull(impressions ?? null) ?? 0) > 0) {
    return reach.platformReported.length > 0
      ? 'No people counted: platform exports give counts, not people. The platforms’ own reach is below.'
      : 'No people counted: platform exports give counts, not people.';
  }
  if (
    reach.method !== 'sketch' ||
    reach.relativeStandardError === undefined ||
    n === null ||
    n <= SKETCH_EXPLICIT_LIMIT
  )
    return base;
  const margin = (reach.relativeStandardError * 1.96 * 100).toFixed(1);
  return `${base} Estimated: within ±${margin}% of the exact count 19 times in 20.`;
}

/** The delta text when the comparison period had no figures. */
export const NO_BASELINE = 'no figures to compare with';

/**
 * The change line of a KPI card: counts as a percentage ("+12.5%"), rates in points ("+0.4 pts");
 * when the comparison period had nothing, says so rather than showing "+100%" or a bare number.
 */
export function kpiDeltaText(kpi: Pick<KpiModel, 'kind' | 'delta' | 'previous'>, threshold: number): string | null {
  const delta = kpi.delta;
  if (!delta) return null;
  if (isSuppressedValue(delta.absolute)) return `${suppressedText(threshold)} (hidden)`;
  const previous = numberOrNull(kpi.previous);
  if (!isSuppressedValue(kpi.previous) && (previous === null || previous === 0)) return NO_BASELINE;
  if (kpi.kind === 'rate') {
    const points = formatSignedChange(delta.absolute, 'rate', threshold);
    return delta.relative === null || isSuppressedValue(delta.relative)
      ? points
      : `${points} (${formatSignedPercent(delta.relative, threshold)})`;
  }
  return delta.relative === null || isSuppressedValue(delta.relative)
    ? formatSignedChange(delta.absolute, 'count', threshold)
    : formatSignedPercent(delta.relative, threshold);
}
