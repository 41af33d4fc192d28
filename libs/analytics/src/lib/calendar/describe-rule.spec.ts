import { describeRule } from './describe-rule.js';
import type { ObservanceRule } from './observance-rule.js';

describe('describeRule', () => {
  it.each<[ObservanceRule, string]>([
    [{ kind: 'fixed_day', month: 10, day: 10 }, 'Every 10 October'],
    [{ kind: 'fixed_day', month: 2, day: 29 }, 'Every 29 February (28 February in non-leap years)'],
    [{ kind: 'fixed_range', startMonth: 3, startDay: 1, endMonth: 3, endDay: 7 }, '1 to 7 March each year'],
    [{ kind: 'fixed_range', startMonth: 2, startDay: 24, endMonth: 3, endDay: 2 }, '24 February to 2 March each year'],
    [
      { kind: 'fixed_range', startMonth: 12, startDay: 20, endMonth: 1, endDay: 5 },
      '20 December to 5 January, running into the next year',
    ],
    [{ kind: 'fixed_range', startMonth: 5, startDay: 4, endMonth: 5, endDay: 4 }, 'Every 4 May'],
    [{ kind: 'whole_month', month: 5 }, 'Whole of May'],
    [{ kind: 'nth_weekday', month: 9, weekday: 4, n: 2 }, 'Second Thursday of September'],
    [{ kind: 'nth_weekday', month: 1, weekday: 3, n: -1, durationDays: 1 }, 'Last Wednesday of January'],
    [{ kind: 'nth_weekday', month: 3, weekday: 5, n: 5 }, 'Fifth (or last) Friday of March'],
    [
      { kind: 'nth_weekday', month: 2, weekday: 1, n: -1, durationDays: 7 },
      '7 days starting on the last Monday of February',
    ],
    [{ kind: 'first_full_week', month: 10, weekStartsOn: 0 }, 'First full week (Sun–Sat) of October'],
    [{ kind: 'first_full_week', month: 5, weekStartsOn: 1 }, 'First full week (Mon–Sun) of May'],
    [{ kind: 'week_containing', month: 6, day: 15, weekStartsOn: 1 }, 'Week (Mon–Sun) containing 15 June'],
    [
      { kind: 'relative', to: 'us-thanksgiving', offsetDays: -5, durationDays: 1 },
      '5 days before us-thanksgiving starts',
    ],
    [{ kind: 'relative', to: 'x', offsetDays: 1, durationDays: 1 }, '1 day after x starts'],
    [{ kind: 'relative', to: 'x', offsetDays: 0, durationDays: 1 }, 'The day x starts'],
    [{ kind: 'relative', to: 'x', offsetDays: 7, durationDays: 7 }, '7 days starting 7 days after x starts'],
  ])('%j → %s', (rule, text) => {
    expect(describeRule(rule)).toBe(text);
  });

  it('uses display names for references when given', () => {
    const rule: ObservanceRule = { kind: 'relative', to: 'us-thanksgiving', offsetDays: -5, durationDays: 1 };
    const nameOf = (slug: string): string | undefined =>
      slug === 'us-thanksgiving' ? 'Thanksgiving Day (US)' : undefined;
    expect(describeRule(rule, { nameOf })).toBe('5 days before Thanksgiving Day (US) starts');
  });
});
