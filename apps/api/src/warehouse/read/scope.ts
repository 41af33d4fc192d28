import { spanDays } from '../../common/time/dates.js';
import type { DisclosurePolicy } from './disclosure.js';
import type { CampaignRef, ResolvedAnalyticsQuery, Segment, SegmentRules } from '@resonance/contracts';

/** Dimensions a filter or segment rule constrains. */
export const FILTER_DIMENSIONS = ['platform', 'ageBand', 'gender', 'region', 'language'] as const;
export type FilterDimension = (typeof FILTER_DIMENSIONS)[number];

/** Dimensions only rollup_daily (and reach_daily) carry. */
export const AUDIENCE_ONLY_DIMENSIONS = ['ageBand', 'gender', 'region', 'language'] as const;

/** `dimension IN values`; conditions are ANDed (filters and segment rules alike). */
export interface Condition {
  dimension: FilterDimension;
  values: readonly string[];
}

export interface Period {
  from: string;
  to: string;
}

/** A validated, resolved analytics question: everything the SQL needs, nothing from raw input. */
export interface AnalyticsScope {
  orgId: string;
  orgTimeZone: string;
  threshold: number;
  /** Threshold and cell-key secret every published count goes through (suppression.ts). */
  disclosure: DisclosurePolicy;
  tz: string;
  period: Period;
  days: number;
  comparison: Period | null;
  campaign: CampaignRef | null;
  creativeIds: string[] | null;
  conditions: Condition[];
  filters: ResolvedAnalyticsQuery['filters'];
  segment: Segment | null;
  /** The zone has a :30/:45 offset in the range: hour rows are assigned to local days by their start. */
  subHourOffset: boolean;
}

export function rulesToConditions(rules: SegmentRules): Condition[] {
  const out: Condition[] = [];
  for (const dimension of FILTER_DIMENSIONS) {
    const values = rules[dimension];
    if (values && values.length > 0) out.push({ dimension, values });
  }
  return out;
}

/** The scope narrowed by extra conditions (e.g. one segment of a report). */
export function withConditions(scope: AnalyticsScope, extra: readonly Condition[]): AnalyticsScope {
  return { ...scope, conditions: [...scope.conditions, ...extra] };
}

/** Whether the question can only be answered by rollup_daily (audience dimensions). */
export function needsAudience(scope: AnalyticsScope, groupBy: readonly string[] = []): boolean {
  const audience = AUDIENCE_ONLY_DIMENSIONS as readonly string[];
  return scope.conditions.some((c) => audience.includes(c.dimension)) || groupBy.some((g) => audience.includes(g));
}

/**
 * An unfiltered question over the organisation's own reporting days (what planning asks): the whole
 * organisation, or one campaign, over one period.
 */
export function organisationScope(params: {
  orgId: string;
  timeZone: string;
  disclosure: DisclosurePolicy;
  period: Period;
  campaign?: CampaignRef | null;
}): AnalyticsScope {
  const { orgId, timeZone, disclosure, period } = params;
  return {
    orgId,
    orgTimeZone: timeZone,
    threshold: disclosure.threshold,
    disclosure,
    tz: timeZone,
    period,
    days: spanDays(period.from, period.to),
    comparison: null,
    campaign: params.campaign ?? null,
    creativeIds: null,
    conditions: [],
    filters: {},
    segment: null,
    subHourOffset: false,
  };
}
