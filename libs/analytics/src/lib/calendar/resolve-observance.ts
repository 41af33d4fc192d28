import {
  addDaysToIsoDate,
  daysInMonth,
  isLeapYear,
  isoDateOf,
  weekdayOf,
  type ObservanceDateRange,
} from './iso-date.js';
import type { NamedObservanceRule, ObservanceRule, WeekdayOrdinal } from './observance-rule.js';
import { validateObservanceRule } from './validate-rule.js';

/** Looks up another observance's dates for a year; undefined when the slug is unknown. */
export type ObservanceRefResolver = (slug: string, year: number) => ObservanceDateRange | undefined;

/** Thrown when a rule cannot be placed in the calendar (unknown or cyclic reference…). */
export class ObservanceResolutionError extends Error {
  override readonly name = 'ObservanceResolutionError';
}

/** 29 February → 28 February in non-leap years; every other day is left alone. */
function effectiveDay(year: number, month: number, day: number): number {
  return month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
}

function span(startsOn: string, durationDays: number): ObservanceDateRange {
  return { startsOn, endsOn: addDaysToIsoDate(startsOn, durationDays - 1) };
}

function nthWeekdayDay(year: number, month: number, weekday: number, n: WeekdayOrdinal): number {
  const first = 1 + ((weekday - weekdayOf(year, month, 1) + 7) % 7);
  const length = daysInMonth(year, month);
  const last = first + 7 * Math.floor((length - first) / 7);
  if (n === -1) return last;
  // A fifth occurrence exists only in some years; fall back to the last (fourth).
  return Math.min(first + 7 * (n - 1), last);
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1 || year > 9998) {
    throw new RangeError(`year must be an integer 1–9998, got ${year}`);
  }
}

/**
 * The dates ('YYYY-MM-DD', inclusive) a rule covers in `year`. Relative rules need
 * `resolveRef` to find the observance they refer to; build one with
 * createObservanceResolver so that cycles are reported.
 */
export function resolveObservance(
  rule: ObservanceRule,
  year: number,
  resolveRef?: ObservanceRefResolver,
): ObservanceDateRange {
  assertYear(year);
  // Rules usually come from storage; refuse a bad one rather than return a wrong date.
  const checked = validateObservanceRule(rule);
  if (!checked.ok) throw new ObservanceResolutionError(`invalid observance rule: ${checked.errors.join('; ')}`);
  switch (rule.kind) {
    case 'fixed_day': {
      const date = isoDateOf(year, rule.month, effectiveDay(year, rule.month, rule.day));
      return { startsOn: date, endsOn: date };
    }
    case 'fixed_range': {
      const startDay = effectiveDay(year, rule.startMonth, rule.startDay);
      const wraps =
        rule.endMonth < rule.startMonth || (rule.endMonth === rule.startMonth && rule.endDay < rule.startDay);
      const endYear = wraps ? year + 1 : year;
      return {
        startsOn: isoDateOf(year, rule.startMonth, startDay),
        endsOn: isoDateOf(endYear, rule.endMonth, effectiveDay(endYear, rule.endMonth, rule.endDay)),
      };
    }
    case 'whole_month':
      return {
        startsOn: isoDateOf(year, rule.month, 1),
        endsOn: isoDateOf(year, rule.month, daysInMonth(year, rule.month)),
      };
    case 'nth_weekday': {
      const day = nthWeekdayDay(year, rule.month, rule.weekday, rule.n);
      return span(isoDateOf(year, rule.month, day), rule.durationDays ?? 1);
    }
    case 'first_full_week': {
      const firstWeekStart = nthWeekdayDay(year, rule.month, rule.weekStartsOn, 1);
      return span(isoDateOf(year, rule.month, firstWeekStart), 7);
    }
    case 'week_containing': {
      const day = effectiveDay(year, rule.month, rule.day);
      const back = (weekdayOf(year, rule.month, day) - rule.weekStartsOn + 7) % 7;
      return span(isoDateOf(year, rule.month, day - back), 7);
    }
    case 'relative': {
      if (!resolveRef) {
        throw new ObservanceResolutionError(
          `relative rule refers to "${rule.to}" but no resolver for other observances was given`,
        );
      }
      const ref = resolveRef(rule.to, year);
      if (!ref) throw new ObservanceResolutionError(`relative rule refers to unknown observance "${rule.to}"`);
      return span(addDaysToIsoDate(ref.startsOn, rule.offsetDays), rule.durationDays);
    }
  }
}

/**
 * A resolver over a set of named rules, for relative rules to refer to each other.
 * Results are memoised per (slug, year); a reference loop throws with its path.
 */
export function createObservanceResolver(observances: Iterable<NamedObservanceRule>): ObservanceRefResolver {
  const bySlug = new Map<string, ObservanceRule>();
  for (const { slug, rule } of observances) {
    // First one wins, so callers can put their own observances ahead of defaults.
    if (!bySlug.has(slug)) bySlug.set(slug, rule);
  }
  const memo = new Map<string, ObservanceDateRange>();
  const inProgress: string[] = [];

  const resolveRef: ObservanceRefResolver = (slug, year) => {
    const rule = bySlug.get(slug);
    if (!rule) return undefined;
    const key = `${slug}@${year}`;
    const known = memo.get(key);
    if (known) return known;
    if (inProgress.includes(slug)) {
      const loop = [...inProgress.slice(inProgress.indexOf(slug)), slug].join(' → ');
      throw new ObservanceResolutionError(`relative observances refer to each other in a cycle: ${loop}`);
    }
    inProgress.push(slug);
    try {
      const range = resolveObservance(rule, year, resolveRef);
      memo.set(key, range);
      return range;
    } finally {
      inProgress.pop();
    }
  };
  return resolveRef;
}
