import type { PeriodRule, ViewCompareMode } from '@resonance/contracts';
import {
  addDaysToIsoDate,
  daysBetweenIsoDates,
  daysInMonth,
  parseIsoDate,
  weekdayOf,
  type IsoDate,
} from './iso-date.js';

export interface PeriodRange {
  from: IsoDate;
  to: IsoDate;
}

/**
 * The dates a named period covers on `today` (a date in the organisation's time zone). Weeks run
 * Monday–Sunday. (Custom dates are stored with the view.)
 */
export function resolvePeriodRule(rule: Exclude<PeriodRule, 'custom'>, today: IsoDate): PeriodRange {
  const { year, month, day } = parseIsoDate(today);
  switch (rule) {
    case 'last7':
      return { from: addDaysToIsoDate(today, -6), to: today };
    case 'last30':
      return { from: addDaysToIsoDate(today, -29), to: today };
    case 'last90':
      return { from: addDaysToIsoDate(today, -89), to: today };
    case 'lastWeek': {
      // Days since Monday (weekdayOf: 0 = Sunday).
      const sinceMonday = (weekdayOf(year, month, day) + 6) % 7;
      const thisMonday = addDaysToIsoDate(today, -sinceMonday);
      return { from: addDaysToIsoDate(thisMonday, -7), to: addDaysToIsoDate(thisMonday, -1) };
    }
    case 'lastMonth': {
      const y = month === 1 ? year - 1 : year;
      const m = month === 1 ? 12 : month - 1;
      const mm = String(m).padStart(2, '0');
      return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
    }
    case 'thisMonth':
      return { from: `${year}-${String(month).padStart(2, '0')}-01`, to: today };
    case 'thisQuarter': {
      const first = month - ((month - 1) % 3);
      return { from: `${year}-${String(first).padStart(2, '0')}-01`, to: today };
    }
    case 'yearToDate':
      return { from: `${year}-01-01`, to: today };
    case 'awareness':
    case 'awarenessLastYear': {
      // The latest Awareness Month (May) that has begun; "same observance last year" is the one before.
      const y = (month < 5 ? year - 1 : year) - (rule === 'awarenessLastYear' ? 1 : 0);
      return { from: `${y}-05-01`, to: `${y}-05-31` };
    }
  }
}

/** The same calendar date a year earlier (29 February becomes 28 February). */
function minusOneYear(date: IsoDate): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const d = Math.min(day, daysInMonth(year - 1, month));
  return `${String(year - 1).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The range a period is compared with, or null without comparison. */
export function comparisonPeriod(range: PeriodRange, mode: ViewCompareMode): PeriodRange | null {
  if (mode === 'none') return null;
  if (mode === 'previous_year') return { from: minusOneYear(range.from), to: minusOneYear(range.to) };
  const days = daysBetweenIsoDates(range.from, range.to) + 1;
  return { from: addDaysToIsoDate(range.from, -days), to: addDaysToIsoDate(range.from, -1) };
}
