/**
 * Observance rules: how an awareness day, week or month falls in a given year.
 * Plain JSON objects so the API can keep them in a jsonb column.
 */

/** 0 = Sunday … 6 = Saturday (same numbering as Date#getUTCDay). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Weeks run Sunday–Saturday (US) or Monday–Sunday (UK, EU, AU, CA…). */
export type WeekStart = 0 | 1;

/** 1–5 = first…fifth; -1 = last. */
export type WeekdayOrdinal = 1 | 2 | 3 | 4 | 5 | -1;

/**
 * A single date every year. 29 February falls on 28 February in non-leap years,
 * so the observance still happens every year (as Rare Disease Day does).
 */
export interface FixedDayRule {
  kind: 'fixed_day';
  month: number;
  day: number;
}

/**
 * From one fixed date to another, inclusive. If the end comes before the start in
 * the calendar (e.g. 20 December – 5 January) the range wraps into the next year:
 * the occurrence for year Y starts in Y and ends in Y+1. 29 February is treated as
 * in FixedDayRule.
 */
export interface FixedRangeRule {
  kind: 'fixed_range';
  startMonth: number;
  startDay: number;
  endMonth: number;
  endDay: number;
}

export interface WholeMonthRule {
  kind: 'whole_month';
  month: number;
}

/**
 * The nth given weekday of a month (e.g. second Thursday of September), lasting
 * durationDays (default 1) from that day. n = 5 means the fifth occurrence, or the
 * last one in years when the month has only four, so the rule resolves every year.
 */
export interface NthWeekdayRule {
  kind: 'nth_weekday';
  month: number;
  weekday: Weekday;
  n: WeekdayOrdinal;
  durationDays?: number;
}

/** The first 7-day week (starting on weekStartsOn) that lies wholly inside the month. */
export interface FirstFullWeekRule {
  kind: 'first_full_week';
  month: number;
  weekStartsOn: WeekStart;
}

/**
 * The 7-day week (starting on weekStartsOn) that contains a fixed date. The week
 * may begin in the previous month or year. 29 February is treated as in FixedDayRule.
 */
export interface WeekContainingRule {
  kind: 'week_containing';
  month: number;
  day: number;
  weekStartsOn: WeekStart;
}

/**
 * Starts offsetDays after (negative: before) the start of another observance in
 * the same year, and lasts durationDays.
 */
export interface RelativeRule {
  kind: 'relative';
  to: string;
  offsetDays: number;
  durationDays: number;
}

export type ObservanceRule =
  | FixedDayRule
  | FixedRangeRule
  | WholeMonthRule
  | NthWeekdayRule
  | FirstFullWeekRule
  | WeekContainingRule
  | RelativeRule;

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
