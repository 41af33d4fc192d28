import { normalCdf, normalQuantile } from './normal.js';
import { assertInteger, assertOpenInterval } from './validate.js';

export interface SampleSizeInput {
  /** Control (baseline) rate p1, a fraction in (0, 1). */
  baselineRate: number;
  /** Relative change to detect: p2 = p1 · (1 + minRelativeLift); 0.1 means +10 %. */
  minRelativeLift: number;
  /** Two-sided family-wise significance level (default 0.05). */
  alpha?: number;
  /** Probability of detecting the lift when it is real (default 0.8). */
  power?: number;
  /** Number of arms including the control (default 2). */
  arms?: number;
}

export interface SampleSizeResult {
  /** Impressions (trials) needed in each arm, rounded up. */
  perArm: number;
  /** perArm × arms. */
  total: number;
  /** The formula used, in words, for display next to the figure. */
  formula: string;
  p1: number;
  p2: number;
  /** α used for each comparison against the control (Bonferroni when arms > 2). */
  alphaPerComparison: number;
}

interface Design {
  p1: number;
  alphaPerComparison: number;
  zAlpha: number;
  zBeta: number;
  arms: number;
}

function design(baselineRate: number, alpha: number, power: number, arms: number): Design {
  assertOpenInterval('baselineRate', baselineRate, 0, 1);
  assertOpenInterval('alpha', alpha, 0, 1);
  assertOpenInterval('power', power, 0, 1);
  assertInteger('arms', arms, 2);
  // Each non-control arm is compared with the control: k − 1 comparisons share α (Bonferroni).
  const alphaPerComparison = alpha / (arms - 1);
  return {
    p1: baselineRate,
    alphaPerComparison,
    zAlpha: normalQuantile(1 - alphaPerComparison / 2),
    zBeta: normalQuantile(power),
    arms,
  };
}

/** Unrounded n per arm (Fleiss, without continuity correction). */
function exactPerArm(d: Design, p2: number): number {
  const { p1, zAlpha, zBeta } = d;
  const pBar = (p1 + p2) / 2;
  const numerator = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return (numerator * numerator) / ((p1 - p2) * (p1 - p2));
}

/** Power of the pooled two-sided z-test with n per arm (normal approximation; cf. R power.prop.test). */
function powerAt(d: Design, p2: number, n: number): number {
  const { p1, zAlpha } = d;
  const pBar = (p1 + p2) / 2;
  const signal = Math.sqrt(n) * Math.abs(p1 - p2) - zAlpha * Math.sqrt(2 * pBar * (1 - pBar));
  return normalCdf(signal / Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)));
}

function describe(d: Design, alpha: number): string {
  const base =
    'n per arm = (z_{1−α/2}·√(2·p̄·(1−p̄)) + z_{1−β}·√(p1(1−p1) + p2(1−p2)))² / (p1 − p2)², ' +
    'p̄ = (p1 + p2)/2, rounded up (two-sided test of two proportions, pooled variance under H0, ' +
    'no continuity correction)';
  if (d.arms === 2) return `${base}; α = ${alpha}.`;
  return (
    `${base}; α = ${alpha} Bonferroni-adjusted over the ${d.arms - 1} comparisons against the control ` +
    `(α per comparison = ${+d.alphaPerComparison.toPrecision(6)}).`
  );
}

/**
 * Impressions needed per arm to detect a relative lift over a baseline rate with a two-sided
 * two-proportion z-test (Fleiss formula without continuity correction; equal to solving
 * R's `power.prop.test` for n). With more than two arms, α is Bonferroni-split over the
 * arms − 1 comparisons against the control.
 */
export function sampleSizeTwoProportions(input: SampleSizeInput): SampleSizeResult {
  const { baselineRate, minRelativeLift, alpha = 0.05, power = 0.8, arms = 2 } = input;
  const d = design(baselineRate, alpha, power, arms);
  const p2 = baselineRate * (1 + minRelativeLift);
  if (!(minRelativeLift !== 0 && p2 > 0 && p2 < 1)) {
    throw new RangeError(
      `minRelativeLift must be non-zero and keep baselineRate × (1 + minRelativeLift) in (0, 1), ` +
        `i.e. in (-1, ${1 / baselineRate - 1}) excluding 0; got ${minRelativeLift}`,
    );
  }
  // Guard against 72.00000000001 becoming 73 through rounding noise.
  const perArm = Math.ceil(exactPerArm(d, p2) - 1e-9);
  return {
    perArm,
    total: perArm * arms,
    formula: describe(d, alpha),
    p1: baselineRate,
    p2,
    alphaPerComparison: d.alphaPerComparison,
  };
}

export interface MinimumDetectableLiftInput {
  baselineRate: number;
  /** Impressions (trials) available in each arm. */
  impressionsPerArm: number;
  alpha?: number;
  power?: number;
  arms?: number;
}

/**
 * Smallest upward relative lift (0.1 = +10 %) that `impressionsPerArm` per arm detects with the
 * requested power: the inverse of `sampleSizeTwoProportions`, found by bisection on the power
 * function. Returns null when even p2 → 1 is not detectable with that many impressions.
 */
export function minimumDetectableLift(input: MinimumDetectableLiftInput): number | null {
  const { baselineRate, impressionsPerArm, alpha = 0.05, power = 0.8, arms = 2 } = input;
  const d = design(baselineRate, alpha, power, arms);
  if (!(Number.isFinite(impressionsPerArm) && impressionsPerArm >= 1)) {
    throw new RangeError(`impressionsPerArm must be a finite number >= 1; got ${impressionsPerArm}`);
  }
  const maxLift = 1 / baselineRate - 1;
  const liftAt = (fraction: number): number => fraction * maxLift;
  const detects = (lift: number): boolean => powerAt(d, baselineRate * (1 + lift), impressionsPerArm) >= power;
  // Search the lift as a fraction of the largest possible one so p2 stays below 1.
  let lo = 0;
  let hi = 1 - 1e-12;
  if (!detects(liftAt(hi))) return null;
  for (let i = 0; i < 200 && hi - lo > 1e-13; i++) {
    const mid = (lo + hi) / 2;
    if (detects(liftAt(mid))) hi = mid;
    else lo = mid;
  }
  return liftAt(hi);
}
