import { monthName, weekdayName } from './names.js';
import type { ObservanceRule, WeekStart, WeekdayOrdinal } from './observance-rule.js';

export interface DescribeRuleOptions {
  /** Display name for a slug a relative rule refers to; the slug is shown otherwise. */
  nameOf?: (slug: string) => string | undefined;
}

const ORDINAL_WORDS: Record<WeekdayOrdinal, string> = {
  1: 'first',
  2: 'second',
  3: 'third',
  4: 'fourth',
  5: 'fifth (or last)',
  [-1]: 'last',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

function weekSpan(weekStartsOn: WeekStart): string {
  return weekStartsOn === 0 ? 'Sun–Sat' : 'Mon–Sun';
}

function dayMonth(day: number, month: number): string {
  return `${day} ${monthName(month)}`;
}

/** Plain English for a rule, e.g. "Every 10 October", "First full week (Sun–Sat) of October". */
export function describeRule(rule: ObservanceRule, options: DescribeRuleOptions = {}): string {
  switch (rule.kind) {
    case 'fixed_day': {
      const leapNote = rule.month === 2 && rule.day === 29 ? ' (28 February in non-leap years)' : '';
      return `Every ${dayMonth(rule.day, rule.month)}${leapNote}`;
    }
    case 'fixed_range': {
      const { startMonth, startDay, endMonth, endDay } = rule;
      const wraps = endMonth < startMonth || (endMonth === startMonth && endDay < startDay);
      if (startMonth === endMonth && startDay === endDay) return `Every ${dayMonth(startDay, startMonth)}`;
      const from = startMonth === endMonth && !wraps ? String(startDay) : dayMonth(startDay, startMonth);
      const yearNote = wraps ? ', running into the next year' : ' each year';
      return `${from} to ${dayMonth(endDay, endMonth)}${yearNote}`;
    }
    case 'whole_month':
      return `Whole of ${monthName(rule.month)}`;
    case 'nth_weekday': {
      const day = `${ORDINAL_WORDS[rule.n]} ${weekdayName(rule.weekday)} of ${monthName(rule.month)}`;
      const duration = rule.durationDays ?? 1;
      return duration === 1 ? capitalise(day) : `${days(duration)} starting on the ${day}`;
    }
    case 'first_full_week':
      return `First full week (${weekSpan(rule.weekStartsOn)}) of ${monthName(rule.month)}`;
    case 'week_containing':
      return `Week (${weekSpan(rule.weekStartsOn)}) containing ${dayMonth(rule.day, rule.month)}`;
    case 'relative': {
      const ref = options.nameOf?.(rule.to) ?? rule.to;
      const when =
        rule.offsetDays === 0
          ? `the day ${ref} starts`
          : `${days(Math.abs(rule.offsetDays))} ${rule.offsetDays < 0 ? 'before' : 'after'} ${ref} starts`;
      return rule.durationDays === 1 ? capitalise(when) : `${days(rule.durationDays)} starting ${when}`;
    }
  }
}
