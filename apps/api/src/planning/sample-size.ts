import { minimumDetectableLift, sampleSizeTwoProportions } from '@resonance/analytics';
import type { SampleSizeResponse } from '@resonance/contracts';
import { invalidQuery } from './planning.errors.js';

export interface SampleSizeQueryInput {
  baselineRate: number;
  minRelativeLift?: number;
  impressionsPerArm?: number;
  alpha: number;
  power: number;
  arms: number;
}

/** Largest useful impressions per arm (keeps the maths in safe-integer territory). */
export const MAX_IMPRESSIONS_PER_ARM = 1e12;

function openUnit(name: string, value: number): void {
  if (!(value > 0 && value < 1)) throw invalidQuery(name, `must be a fraction strictly between 0 and 1 (got ${value})`);
}

/**
 * The test-size planner: impressions per creative (arm) per segment for a two-sided test of two
 * proportions, or with impressionsPerArm the smallest relative lift those impressions detect.
 */
export function planSampleSize(input: SampleSizeQueryInput): SampleSizeResponse {
  const { baselineRate, alpha, power, arms } = input;
  openUnit('baselineRate', baselineRate);
  openUnit('alpha', alpha);
  openUnit('power', power);
  if (!(Number.isInteger(arms) && arms >= 2 && arms <= 20)) {
    throw invalidQuery('arms', `must be an integer from 2 to 20 (got ${arms})`);
  }
  const hasLift = input.minRelativeLift !== undefined;
  const hasImpressions = input.impressionsPerArm !== undefined;
  if (hasLift === hasImpressions) {
    throw invalidQuery(
      'minRelativeLift',
      'or impressionsPerArm: send exactly one (minRelativeLift → impressions needed; impressionsPerArm → smallest detectable lift)',
    );
  }
  const common = { baselineRate, alpha, power, arms, alphaPerComparison: alpha / (arms - 1) };
  if (input.minRelativeLift !== undefined) {
    const lift = input.minRelativeLift;
    const maxLift = 1 / baselineRate - 1;
    if (!(lift > 0 && lift < maxLift)) {
      throw invalidQuery(
        'minRelativeLift',
        `must be greater than 0 and less than ${+maxLift.toPrecision(6)} so that baselineRate × (1 + minRelativeLift) stays below 1 (got ${lift})`,
      );
    }
    const result = sampleSizeTwoProportions({ baselineRate, minRelativeLift: lift, alpha, power, arms });
    return {
      mode: 'sample_size',
      ...common,
      alphaPerComparison: result.alphaPerComparison,
      minRelativeLift: lift,
      targetRate: result.p2,
      impressionsPerArm: result.perArm,
      totalImpressions: result.total,
      formula: result.formula,
    };
  }
  const perArm = input.impressionsPerArm ?? 0;
  if (!(Number.isInteger(perArm) && perArm >= 1 && perArm <= MAX_IMPRESSIONS_PER_ARM)) {
    throw invalidQuery(
      'impressionsPerArm',
      `must be a whole number from 1 to ${MAX_IMPRESSIONS_PER_ARM} (got ${perArm})`,
    );
  }
  const lift = minimumDetectableLift({ baselineRate, impressionsPerArm: perArm, alpha, power, arms });
  // The formula text is the same relation, solved for the lift by bisection on the power.
  const formula = sampleSizeTwoProportions({ baselineRate, minRelativeLift: 0.1, alpha, power, arms }).formula;
  return {
    mode: 'minimum_detectable_lift',
    ...common,
    minRelativeLift: lift,
    targetRate: lift === null ? null : baselineRate * (1 + lift),
    impressionsPerArm: perArm,
    totalImpressions: perArm * arms,
    formula: `Smallest lift whose power reaches ${power} at ${perArm} impressions per arm, solved by bisection from: ${formula}`,
  };
}
