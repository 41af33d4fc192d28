import type { ObservanceRule } from './observance-rule.js';
import { validateObservanceRule } from './validate-rule.js';

describe('validateObservanceRule', () => {
  it.each<[string, ObservanceRule]>([
    ['fixed_day', { kind: 'fixed_day', month: 10, day: 10 }],
    ['fixed_day on 29 February', { kind: 'fixed_day', month: 2, day: 29 }],
    [
      'fixed_range wrapping the year end',
      { kind: 'fixed_range', startMonth: 12, startDay: 20, endMonth: 1, endDay: 5 },
    ],
    ['whole_month', { kind: 'whole_month', month: 5 }],
    ['nth_weekday', { kind: 'nth_weekday', month: 9, weekday: 4, n: 2 }],
    ['nth_weekday last, 7 days', { kind: 'nth_weekday', month: 2, weekday: 1, n: -1, durationDays: 7 }],
    ['first_full_week', { kind: 'first_full_week', month: 10, weekStartsOn: 0 }],
    ['week_containing', { kind: 'week_containing', month: 6, day: 15, weekStartsOn: 1 }],
    ['relative', { kind: 'relative', to: 'us-thanksgiving', offsetDays: -5, durationDays: 1 }],
  ])('accepts %s, also after a JSON round trip (jsonb)', (_label, rule) => {
    expect(validateObservanceRule(rule)).toEqual({ ok: true, rule });
    expect(validateObservanceRule(JSON.parse(JSON.stringify(rule)))).toEqual({ ok: true, rule });
  });

  it('returns a copy, not the input object', () => {
    const input = { kind: 'whole_month', month: 5 };
    const result = validateObservanceRule(input);
    expect(result.ok && result.rule).not.toBe(input);
  });

  it.each<[string, unknown, string[]]>([
    ['null', null, ['rule must be an object']],
    ['an array', [], ['rule must be an object']],
    ['a string', 'fixed_day', ['rule must be an object']],
    [
      'an unknown kind',
      { kind: 'easter' },
      [
        'rule.kind must be one of fixed_day, fixed_range, whole_month, nth_weekday, first_full_week, week_containing, relative',
      ],
    ],
    ['month 13', { kind: 'whole_month', month: 13 }, ['rule.month must be an integer 1–12']],
    ['month as a string', { kind: 'whole_month', month: '5' }, ['rule.month must be an integer 1–12']],
    ['a fractional month', { kind: 'whole_month', month: 5.5 }, ['rule.month must be an integer 1–12']],
    [
      '31 April',
      { kind: 'fixed_day', month: 4, day: 31 },
      ['rule.day must be an integer 1–30 (April has at most 30 days)'],
    ],
    [
      '30 February',
      { kind: 'fixed_day', month: 2, day: 30 },
      ['rule.day must be an integer 1–29 (February has at most 29 days)'],
    ],
    ['day 0', { kind: 'fixed_day', month: 1, day: 0 }, ['rule.day must be an integer 1–31']],
    ['a missing day', { kind: 'fixed_day', month: 1 }, ['rule.day must be an integer 1–31']],
    [
      'a bad range',
      { kind: 'fixed_range', startMonth: 0, startDay: 1, endMonth: 6, endDay: 31 },
      ['rule.startMonth must be an integer 1–12', 'rule.endDay must be an integer 1–30 (June has at most 30 days)'],
    ],
    [
      'weekday 7',
      { kind: 'nth_weekday', month: 1, weekday: 7, n: 1 },
      ['rule.weekday must be an integer 0–6 (0 = Sunday, 6 = Saturday)'],
    ],
    [
      'n = 0',
      { kind: 'nth_weekday', month: 1, weekday: 1, n: 0 },
      ['rule.n must be one of 1, 2, 3, 4, 5 or -1 (last)'],
    ],
    [
      'n = -2',
      { kind: 'nth_weekday', month: 1, weekday: 1, n: -2 },
      ['rule.n must be one of 1, 2, 3, 4, 5 or -1 (last)'],
    ],
    [
      'durationDays 0',
      { kind: 'nth_weekday', month: 1, weekday: 1, n: 1, durationDays: 0 },
      ['rule.durationDays must be an integer 1–366'],
    ],
    [
      'weekStartsOn 6',
      { kind: 'first_full_week', month: 10, weekStartsOn: 6 },
      ['rule.weekStartsOn must be 0 (Sunday) or 1 (Monday)'],
    ],
    [
      'a missing weekStartsOn',
      { kind: 'week_containing', month: 6, day: 15 },
      ['rule.weekStartsOn must be 0 (Sunday) or 1 (Monday)'],
    ],
    [
      'a bad relative rule',
      { kind: 'relative', to: 'Not A Slug', offsetDays: 400, durationDays: 1.5 },
      [
        'rule.to must be an observance slug (lower-case letters, digits and single hyphens)',
        'rule.offsetDays must be an integer -366 to 366',
        'rule.durationDays must be an integer 1–366',
      ],
    ],
    [
      'a field from another kind',
      { kind: 'whole_month', month: 5, day: 1 },
      ['rule.day is not a field of a whole_month rule (allowed: month)'],
    ],
  ])('rejects %s', (_label, input, errors) => {
    expect(validateObservanceRule(input)).toEqual({ ok: false, errors });
  });
});
