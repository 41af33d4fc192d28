import { REFERENCE_DATES } from './catalogue.js';
import { parseIsoDate, type IsoDate, type ObservanceDateRange } from './iso-date.js';
import type { NamedObservanceRule } from './observance-rule.js';
import { createObservanceResolver, resolveObservance } from './resolve-observance.js';

/** One observance in one year. `year` is the rule's year, which a range wrapping
 * the year end (or a relative rule with a negative offset) may not start in. */
export interface ObservanceOccurrence<T extends NamedObservanceRule = NamedObservanceRule> extends ObservanceDateRange {
  observance: T;
  year: number;
}

export interface ObservancesInRangeOptions {
  /**
   * Extra rules that relative rules may refer to but that are not listed
   * themselves (default: REFERENCE_DATES, e.g. US Thanksgiving).
   */
  references?: Iterable<NamedObservanceRule>;
}

// Plain code-unit order: 'YYYY-MM-DD' sorts chronologically and no locale can change it.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function yearOf(date: IsoDate): number {
  return parseIsoDate(date).year;
}

/**
 * Every occurrence of the given observances that overlaps [fromDate, toDate]
 * (inclusive), sorted by start date, then end date, then slug. The window may
 * span any number of years, e.g. a 12-month planning calendar from July to June.
 */
export function observancesInRange<T extends NamedObservanceRule>(
  observances: readonly T[],
  fromDate: IsoDate,
  toDate: IsoDate,
  options: ObservancesInRangeOptions = {},
): ObservanceOccurrence<T>[] {
  const fromYear = parseIsoDate(fromDate, 'fromDate').year;
  const toYear = parseIsoDate(toDate, 'toDate').year;
  if (fromDate > toDate) throw new RangeError(`fromDate ${fromDate} is after toDate ${toDate}`);

  // The listed observances shadow reference dates that share a slug.
  const resolveRef = createObservanceResolver([...observances, ...(options.references ?? REFERENCE_DATES)]);
  const occurrences: ObservanceOccurrence<T>[] = [];
  for (const observance of observances) {
    // Where this rule's occurrences sit relative to their year (a week containing
    // 1 January can start the year before; a wrapping range ends the year after),
    // plus one year of slack for weekday drift, decides which years to try.
    const probe = resolveObservance(observance.rule, fromYear, resolveRef);
    const firstYear = Math.max(1, fromYear - (yearOf(probe.endsOn) - fromYear) - 1);
    const lastYear = Math.min(9998, toYear - (yearOf(probe.startsOn) - fromYear) + 1);
    for (let year = firstYear; year <= lastYear; year++) {
      const range = year === fromYear ? probe : resolveObservance(observance.rule, year, resolveRef);
      if (range.startsOn <= toDate && range.endsOn >= fromDate) {
        occurrences.push({ observance, year, ...range });
      }
    }
  }
  return occurrences.sort(
    (a, b) =>
      compare(a.startsOn, b.startsOn) || compare(a.endsOn, b.endsOn) || compare(a.observance.slug, b.observance.slug),
  );
}
