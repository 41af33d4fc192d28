import { normalQuantile } from './normal.js';
import { assertCounts, assertOpenInterval } from './validate.js';

/** A proportion with its confidence interval; all fields are fractions in [0, 1]. */
export interface ProportionInterval {
  estimate: number;
  lower: number;
  upper: number;
}

/** With no trials there is nothing to estimate: every field is null (the UI shows "no data"). */
export interface EmptyProportionInterval {
  estimate: null;
  lower: null;
  upper: null;
}

/**
 * Wilson score interval without continuity correction (Newcombe 1998, method 3).
 * Chosen over the Wald interval because it stays inside [0, 1] and keeps near-nominal coverage
 * for the small counts and rates near 0 that campaign cells often have.
 */
export function wilsonInterval(
  successes: number,
  trials: number,
  confidence = 0.95,
): ProportionInterval | EmptyProportionInterval {
  assertCounts('successes', successes, 'trials', trials);
  assertOpenInterval('confidence', confidence, 0, 1);
  if (trials === 0) return { estimate: null, lower: null, upper: null };

  const z = normalQuantile(1 - (1 - confidence) / 2);
  const z2 = z * z;
  const p = successes / trials;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return {
    estimate: p,
    // At 0 or n successes the bound is exactly 0 or 1; pin it so rounding can't leak past it.
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  };
}
