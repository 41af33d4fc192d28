/**
 * Spend and cost metrics. Spend comes from platform exports (Meta "Amount spent", TikTok "Cost"),
 * always with its currency; money is never added across currencies, so every cost figure belongs to
 * one currency. A cost divides the spend of the rows that carry spend by a count of the same rows.
 */

export const COST_METRIC_IDS = ['spend', 'cpm', 'costPerClick', 'costPerEngagement', 'costPerResourceClick'] as const;
export type CostMetricId = (typeof COST_METRIC_IDS)[number];

/** The count a cost metric divides by. */
export type CostDenominator = 'impressions' | 'clicks' | 'engagements' | 'resourceClicks';

export interface CostMetricDefinition {
  id: CostMetricId;
  label: string;
  /** Plain-language definition shown next to the figure; states the denominator. */
  description: string;
  /** null for spend itself. */
  denominator: CostDenominator | null;
  /** Spend is divided by the denominator, then multiplied by this (1,000 for CPM). */
  per: number;
  /** Spend adds up within one currency; costs never add up. */
  additive: boolean;
}

export const COST_METRIC_DEFINITIONS: Readonly<Record<CostMetricId, CostMetricDefinition>> = {
  spend: {
    id: 'spend',
    label: 'Spend',
    description:
      'Money spent, as the platform exported it ("Amount spent", "Cost"), in its currency. Amounts in ' +
      'different currencies are never added together.',
    denominator: null,
    per: 1,
    additive: true,
  },
  cpm: {
    id: 'cpm',
    label: 'CPM',
    description: 'Cost per 1,000 impressions: spend divided by the impressions of the same rows, times 1,000.',
    denominator: 'impressions',
    per: 1000,
    additive: false,
  },
  costPerClick: {
    id: 'costPerClick',
    label: 'Cost per click',
    description: 'Spend divided by the clicks of the same rows.',
    denominator: 'clicks',
    per: 1,
    additive: false,
  },
  costPerEngagement: {
    id: 'costPerEngagement',
    label: 'Cost per engagement',
    description: 'Spend divided by the engagements of the same rows (the engagement set stated with Engagements).',
    denominator: 'engagements',
    per: 1,
    additive: false,
  },
  costPerResourceClick: {
    id: 'costPerResourceClick',
    label: 'Cost per resource click',
    description: 'Spend divided by the resource clicks of the same rows.',
    denominator: 'resourceClicks',
    per: 1,
    additive: false,
  },
};

/** Spend in millionths of a currency unit → the amount (12 340 000 → 12.34). */
export function microsToAmount(micros: number): number {
  return micros / 1_000_000;
}

/**
 * A cost figure: spend / denominator × per; null when the denominator is 0 (nothing to divide by).
 * Throws RangeError for a negative or non-finite input.
 */
export function costPer(spendMicros: number, denominator: number, per = 1): number | null {
  if (!(Number.isFinite(spendMicros) && spendMicros >= 0)) {
    throw new RangeError(`spendMicros must be a finite number >= 0; got ${spendMicros}`);
  }
  if (!(Number.isFinite(denominator) && denominator >= 0)) {
    throw new RangeError(`denominator must be a finite number >= 0; got ${denominator}`);
  }
  return denominator === 0 ? null : (microsToAmount(spendMicros) / denominator) * per;
}
