/** The test-size planner's form: text as typed → validated query parameters, or what to fix. */

export interface PlannerInputs {
  /** Baseline engagement rate in percent, e.g. "2" for 2%. */
  baselinePercent: string;
  /** Minimum relative lift to detect in percent, e.g. "10" for +10%. */
  liftPercent: string;
  alpha: string;
  power: string;
  arms: string;
  /** Planned impressions per creative per segment (for the inverse). */
  plannedImpressions: string;
}

export type PlannerField = keyof PlannerInputs;

export const DEFAULT_PLANNER_INPUTS: PlannerInputs = {
  baselinePercent: '2',
  liftPercent: '10',
  alpha: '0.05',
  power: '0.8',
  arms: '2',
  plannedImpressions: '50000',
};

export const MAX_ARMS = 20;
export const MAX_IMPRESSIONS = 1e12;

export interface PlannerDesign {
  baselineRate: number;
  alpha: number;
  power: number;
  arms: number;
}

export interface ParsedPlanner {
  design: PlannerDesign | null;
  /** `GET /planning/sample-size` parameters for "impressions needed", or null while inputs are invalid. */
  sampleSizeQuery: (PlannerDesign & { minRelativeLift: number }) | null;
  /** Parameters for the inverse ("smallest detectable lift"), or null while inputs are invalid. */
  inverseQuery: (PlannerDesign & { impressionsPerArm: number }) | null;
  errors: Partial<Record<PlannerField, string>>;
}

/** A decimal number as typed; "" and junk are NaN. Accepts a decimal comma. */
export function parseDecimal(text: string): number {
  const trimmed = text.trim().replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

/** A whole number as typed, allowing thousands separators (spaces, commas, underscores). */
export function parseWhole(text: string): number {
  const trimmed = text.trim().replace(/[\s,_\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(trimmed)) return Number.NaN;
  return Number(trimmed);
}

/** Rounds away binary noise from percent → fraction (2.3 / 100 = 0.022999999999999996). */
function fromPercent(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

export function parsePlannerInputs(raw: PlannerInputs): ParsedPlanner {
  const errors: ParsedPlanner['errors'] = {};

  const baselinePercent = parseDecimal(raw.baselinePercent);
  if (!(baselinePercent > 0 && baselinePercent < 100))
    errors.baselinePercent = 'Enter a rate between 0% and 100%, e.g. 2.5.';
  const alpha = parseDecimal(raw.alpha);
  if (!(alpha > 0 && alpha < 1)) errors.alpha = 'Enter a significance level between 0 and 1, e.g. 0.05.';
  const power = parseDecimal(raw.power);
  if (!(power > 0 && power < 1)) errors.power = 'Enter a power between 0 and 1, e.g. 0.8.';
  const arms = parseWhole(raw.arms);
  if (!(arms >= 2 && arms <= MAX_ARMS)) errors.arms = `Enter a whole number of creatives from 2 to ${MAX_ARMS}.`;

  const baselineRate = fromPercent(baselinePercent);
  const liftPercent = parseDecimal(raw.liftPercent);
  const lift = fromPercent(liftPercent);
  if (!(liftPercent > 0)) errors.liftPercent = 'Enter a lift above 0%, e.g. 10.';
  else if (!errors.baselinePercent && !(baselineRate * (1 + lift) < 1)) {
    const max = (1 / baselineRate - 1) * 100;
    errors.liftPercent = `The lifted rate must stay below 100%: enter less than ${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(max)}%.`;
  }
  const impressions = parseWhole(raw.plannedImpressions);
  if (!(impressions >= 1 && impressions <= MAX_IMPRESSIONS)) {
    errors.plannedImpressions = 'Enter a whole number of impressions, at least 1.';
  }

  const designValid = !errors.baselinePercent && !errors.alpha && !errors.power && !errors.arms;
  const design = designValid ? { baselineRate, alpha, power, arms } : null;
  return {
    design,
    sampleSizeQuery: design && !errors.liftPercent ? { ...design, minRelativeLift: lift } : null,
    inverseQuery: design && !errors.plannedImpressions ? { ...design, impressionsPerArm: impressions } : null,
    errors,
  };
}

/** A fraction as the percent text the baseline field takes: 0.04237 → "4.24". */
export function toPercentInput(fraction: number): string {
  return String(Number((fraction * 100).toPrecision(3)));
}
