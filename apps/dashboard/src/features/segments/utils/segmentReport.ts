import type { AnalyticsMetricId, MetricDelta, SegmentReportResponse, SuppressedValue } from '@resonance/contracts';
import { rateChangeTest, type RateChangeTest } from '../../../shared/analytics/utils/rateChange';

type Wire = number | null | SuppressedValue;

export interface SegmentReportRow {
  id: string;
  name: string;
  isPreset: boolean;
  rules: string;
  current: Wire;
  previous: Wire;
  change: Wire;
  changePercent: Wire;
  /** For rates: whether the change is more than chance (null for counts and hidden figures). */
  changeTest: RateChangeTest | null;
}

const DIMENSION_NAMES: Record<string, string> = {
  ageBand: 'age',
  gender: 'gender',
  region: 'region',
  language: 'language',
  platform: 'platform',
};

/** "age 18-24 or 25-34 · platform tiktok": a rule set in a line. */
export function describeRules(rules: Record<string, readonly string[] | undefined>): string {
  const parts = Object.entries(rules)
    .filter(([, values]) => values && values.length > 0)
    .map(([dimension, values]) => `${DIMENSION_NAMES[dimension] ?? dimension} ${(values ?? []).join(' or ')}`);
  return parts.length > 0 ? parts.join(' · ') : 'everyone';
}

function deltaParts(delta: MetricDelta | undefined): { change: Wire; changePercent: Wire } {
  return { change: delta?.absolute ?? null, changePercent: delta?.relative ?? null };
}

/** One row per segment for one metric: this period, the previous one, and the change. */
export function toSegmentReportRows(response: SegmentReportResponse, metric: AnalyticsMetricId): SegmentReportRow[] {
  return response.rows.map((row) => ({
    id: row.segment.id,
    name: row.segment.name,
    isPreset: row.segment.isPreset,
    rules: describeRules(row.segment.rules as Record<string, readonly string[] | undefined>),
    current: row.current[metric],
    previous: row.comparison[metric],
    ...deltaParts(row.deltas[metric]),
    changeTest: rateChangeTest(row.current, row.comparison, metric),
  }));
}
