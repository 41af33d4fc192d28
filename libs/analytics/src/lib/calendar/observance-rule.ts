/**
 * Observance rules: how an awareness day, week or month falls in a given year.
 * Plain JSON objects so the API can keep them in a jsonb column.
 */

import type {
  FirstFullWeekRule,
  FixedDayRule,
  FixedRangeRule,
  NthWeekdayRule,
  ObservanceRuleJson,
  PlanningWeekday,
  PlanningWeekdayOrdinal,
  PlanningWeekStart,
  RelativeRule,
  WeekContainingRule,
  WholeMonthRule,
} from '@resonance/contracts';

/** The rule shapes are stated once, in @resonance/contracts; this library resolves and checks them. */
export type {
  FirstFullWeekRule,
  FixedDayRule,
  FixedRangeRule,
  NthWeekdayRule,
  RelativeRule,
  WeekContainingRule,
  WholeMonthRule,
};
export type Weekday = PlanningWeekday;
export type WeekStart = PlanningWeekStart;
export type WeekdayOrdinal = PlanningWeekdayOrdinal;
export type ObservanceRule = ObservanceRuleJson;

export type ObservanceRuleKind = ObservanceRule['kind'];

export const OBSERVANCE_RULE_KINDS: readonly ObservanceRuleKind[] = [
  'fixed_day',
  'fixed_range',
  'whole_month',
  'nth_weekday',
  'first_full_week',
  'week_containing',
  'relative',
];

/** Anything with a slug and a rule: a catalogue entry, a stored observance row… */
export interface NamedObservanceRule {
  slug: string;
  rule: ObservanceRule;
}

/** Limits shared by validation and resolution. */
export const MAX_DURATION_DAYS = 366;
export const MAX_OFFSET_DAYS = 366;
export const OBSERVANCE_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
