import { isRateMetric, RATE_COUNTS, twoProportionZTest, type MetricId } from '@resonance/analytics';
import type { MetricSet } from '@resonance/contracts';

/** A change is "beyond chance" when a two-sided two-proportion test puts it below this level. */
export const CHANGE_ALPHA = 0.05;

export interface RateChangeTest {
  pValue: number;
  beyondChance: boolean;
}

function published(set: MetricSet, metric: MetricId): number | null {
  const value: unknown = set[metric];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * Whether a rate's change between two periods is more than chance: a two-proportion z-test on the
 * published counts (numerator / denominator, e.g. engagements / impressions). Null for counts, and
 * when a count is hidden or a period has no denominator. Published counts carry the cell-key
 * perturbation (± a few), so numerators are clamped to their denominators.
 */
export function rateChangeTest(current: MetricSet, previous: MetricSet, metric: MetricId): RateChangeTest | null {
  if (!isRateMetric(metric)) return null;
  const { numerator, denominator } = RATE_COUNTS[metric];
  const x1 = published(current, numerator);
  const n1 = published(current, denominator);
  const x2 = published(previous, numerator);
  const n2 = published(previous, denominator);
  if (x1 === null || n1 === null || x2 === null || n2 === null || n1 < 1 || n2 < 1) return null;
  const { pValue } = twoProportionZTest(
    Math.max(0, Math.min(Math.round(x1), n1)),
    Math.round(n1),
    Math.max(0, Math.min(Math.round(x2), n2)),
    Math.round(n2),
  );
  return { pValue, beyondChance: pValue < CHANGE_ALPHA };
}
