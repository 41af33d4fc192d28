import type { ObservanceRule, Weekday, WeekdayOrdinal } from './observance-rule.js';
import { createObservanceResolver, ObservanceResolutionError, resolveObservance } from './resolve-observance.js';

// Independent oracle: walk real Date objects day by day rather than reuse the module's maths.
const iso = (d: Date): string => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));
function daysOfMonth(year: number, month: number): Date[] {
  const out: Date[] = [];
  for (let d = utc(year, month, 1); d.getUTCMonth() === month - 1; d = new Date(d.getTime() + 86_400_000)) out.push(d);
  return out;
}
const lengthInDays = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

const YEARS = Array.from({ length: 41 }, (_, i) => 2000 + i);
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const WEEKDAYS: Weekday[] = [0, 1, 2, 3, 4, 5, 6];

describe('fixed_day', () => {
  it.each(YEARS)('10 October %i', (year) => {
    expect(resolveObservance({ kind: 'fixed_day', month: 10, day: 10 }, year)).toEqual({
      startsOn: `${year}-10-10`,
      endsOn: `${year}-10-10`,
    });
  });

  it.each([
    [2000, '2000-02-29'],
    [2023, '2023-02-28'],
    [2024, '2024-02-29'],
    [2028, '2028-02-29'],
    [2100, '2100-02-28'],
  ])('29 February in %i falls on %s', (year, date) => {
    expect(resolveObservance({ kind: 'fixed_day', month: 2, day: 29 }, year)).toEqual({ startsOn: date, endsOn: date });
  });
});

describe('fixed_range', () => {
  it.each([
    [{ startMonth: 3, startDay: 1, endMonth: 3, endDay: 7 }, 2024, '2024-03-01', '2024-03-07'],
    [{ startMonth: 5, startDay: 10, endMonth: 5, endDay: 10 }, 2024, '2024-05-10', '2024-05-10'],
    [{ startMonth: 11, startDay: 25, endMonth: 12, endDay: 10 }, 2030, '2030-11-25', '2030-12-10'],
    [{ startMonth: 12, startDay: 20, endMonth: 1, endDay: 5 }, 2024, '2024-12-20', '2025-01-05'],
    [{ startMonth: 3, startDay: 10, endMonth: 3, endDay: 5 }, 2024, '2024-03-10', '2025-03-05'],
    [{ startMonth: 2, startDay: 23, endMonth: 2, endDay: 29 }, 2023, '2023-02-23', '2023-02-28'],
    [{ startMonth: 2, startDay: 23, endMonth: 2, endDay: 29 }, 2024, '2024-02-23', '2024-02-29'],
    [{ startMonth: 2, startDay: 29, endMonth: 3, endDay: 2 }, 2100, '2100-02-28', '2100-03-02'],
    [{ startMonth: 12, startDay: 1, endMonth: 2, endDay: 29 }, 2023, '2023-12-01', '2024-02-29'],
    [{ startMonth: 12, startDay: 1, endMonth: 2, endDay: 29 }, 2024, '2024-12-01', '2025-02-28'],
  ])('%j in %i → %s … %s', (fields, year, startsOn, endsOn) => {
    expect(resolveObservance({ kind: 'fixed_range', ...fields }, year)).toEqual({ startsOn, endsOn });
  });

  it.each(YEARS)('a wrapping range always starts in %i and ends the next year', (year) => {
    const range = resolveObservance(
      { kind: 'fixed_range', startMonth: 12, startDay: 24, endMonth: 1, endDay: 2 },
      year,
    );
    expect(range).toEqual({ startsOn: `${year}-12-24`, endsOn: `${year + 1}-01-02` });
  });
});

describe('whole_month', () => {
  it.each([
    [2, 2000, '2000-02-29'],
    [2, 2023, '2023-02-28'],
    [2, 2024, '2024-02-29'],
    [2, 2100, '2100-02-28'],
    [5, 2024, '2024-05-31'],
    [9, 2024, '2024-09-30'],
  ])('month %i of %i ends on %s', (month, year, endsOn) => {
    expect(resolveObservance({ kind: 'whole_month', month }, year).endsOn).toBe(endsOn);
  });

  it.each(YEARS)('every month of %i covers 28–31 days from the 1st to the last day', (year) => {
    for (const month of MONTHS) {
      const { startsOn, endsOn } = resolveObservance({ kind: 'whole_month', month }, year);
      const days = daysOfMonth(year, month);
      expect(startsOn).toBe(iso(days[0] as Date));
      expect(endsOn).toBe(iso(days[days.length - 1] as Date));
      expect(lengthInDays(startsOn, endsOn)).toBeGreaterThanOrEqual(28);
      expect(lengthInDays(startsOn, endsOn)).toBeLessThanOrEqual(31);
    }
  });
});

describe('nth_weekday', () => {
  const ordinals: WeekdayOrdinal[] = [1, 2, 3, 4, 5, -1];
  it.each(ordinals)('n = %i matches a day-by-day walk for every month and weekday, 2000–2040', (n) => {
    for (const year of YEARS) {
      for (const month of MONTHS) {
        for (const weekday of WEEKDAYS) {
          const matches = daysOfMonth(year, month).filter((d) => d.getUTCDay() === weekday);
          // n = 5 falls back to the last one when the month has only four.
          const expected = n === -1 ? matches[matches.length - 1] : (matches[n - 1] ?? matches[matches.length - 1]);
          const { startsOn, endsOn } = resolveObservance({ kind: 'nth_weekday', month, weekday, n }, year);
          expect(startsOn).toBe(iso(expected as Date));
          expect(endsOn).toBe(startsOn);
        }
      }
    }
  });

  it.each([
    ['US Thanksgiving 2024', { month: 11, weekday: 4, n: 4 }, 2024, '2024-11-28', '2024-11-28'],
    ['US Thanksgiving 2025', { month: 11, weekday: 4, n: 4 }, 2025, '2025-11-27', '2025-11-27'],
    ['Time to Talk Day 2024', { month: 2, weekday: 4, n: 1 }, 2024, '2024-02-01', '2024-02-01'],
    ['Time to Talk Day 2025', { month: 2, weekday: 4, n: 1 }, 2025, '2025-02-06', '2025-02-06'],
    ['R U OK? Day 2024', { month: 9, weekday: 4, n: 2 }, 2024, '2024-09-12', '2024-09-12'],
    ['fifth Thursday of Feb 2024', { month: 2, weekday: 4, n: 5 }, 2024, '2024-02-29', '2024-02-29'],
    ['fifth Thursday of Feb 2023 (only four)', { month: 2, weekday: 4, n: 5 }, 2023, '2023-02-23', '2023-02-23'],
    [
      'week from last Monday of Feb 2024',
      { month: 2, weekday: 1, n: -1, durationDays: 7 },
      2024,
      '2024-02-26',
      '2024-03-03',
    ],
    [
      'week from last Monday of Dec 2024',
      { month: 12, weekday: 1, n: -1, durationDays: 7 },
      2024,
      '2024-12-30',
      '2025-01-05',
    ],
  ] as const)('%s', (_label, fields, year, startsOn, endsOn) => {
    expect(resolveObservance({ kind: 'nth_weekday', ...fields }, year)).toEqual({ startsOn, endsOn });
  });
});

describe('first_full_week', () => {
  it.each([
    ['MIAW 2024 (Sun–Sat)', 10, 0, 2024, '2024-10-06', '2024-10-12'],
    ['MIAW 2025 (Sun–Sat)', 10, 0, 2025, '2025-10-05', '2025-10-11'],
    ['October 2024 (Mon–Sun)', 10, 1, 2024, '2024-10-07', '2024-10-13'],
    ['February 2026 starts on a Sunday (Sun–Sat)', 2, 0, 2026, '2026-02-01', '2026-02-07'],
    ['February 2015 fills four exact weeks (Mon–Sun)', 2, 1, 2015, '2015-02-02', '2015-02-08'],
  ] as const)('%s', (_label, month, weekStartsOn, year, startsOn, endsOn) => {
    expect(resolveObservance({ kind: 'first_full_week', month, weekStartsOn }, year)).toEqual({ startsOn, endsOn });
  });

  it.each([0, 1] as const)(
    'weeks starting on %i lie wholly inside the month and are the first such, 2000–2040',
    (start) => {
      for (const year of YEARS) {
        for (const month of MONTHS) {
          const { startsOn, endsOn } = resolveObservance({ kind: 'first_full_week', month, weekStartsOn: start }, year);
          const first = daysOfMonth(year, month).find((d) => d.getUTCDay() === start) as Date;
          expect(startsOn).toBe(iso(first));
          expect(endsOn.slice(0, 7)).toBe(startsOn.slice(0, 7));
          expect(lengthInDays(startsOn, endsOn)).toBe(7);
        }
      }
    },
  );
});

describe('week_containing', () => {
  it.each([
    ["Men's Health Week 2024", 6, 15, 1, 2024, '2024-06-10', '2024-06-16'],
    ["Men's Health Week 2026 (1 June is a Monday)", 6, 15, 1, 2026, '2026-06-15', '2026-06-21'],
    ['week of 10 Sep 2024 (Sun–Sat)', 9, 10, 0, 2024, '2024-09-08', '2024-09-14'],
    ['week of 1 Jan 2022 (Mon–Sun) starts the year before', 1, 1, 1, 2022, '2021-12-27', '2022-01-02'],
    ['week of 1 Jan 2022 (Sun–Sat)', 1, 1, 0, 2022, '2021-12-26', '2022-01-01'],
    ['week of 31 Dec 2024 (Mon–Sun) ends the year after', 12, 31, 1, 2024, '2024-12-30', '2025-01-05'],
    ['week of 29 Feb 2024', 2, 29, 1, 2024, '2024-02-26', '2024-03-03'],
    ['week of 29 Feb in 2023 uses 28 Feb', 2, 29, 1, 2023, '2023-02-27', '2023-03-05'],
  ] as const)('%s', (_label, month, day, weekStartsOn, year, startsOn, endsOn) => {
    expect(resolveObservance({ kind: 'week_containing', month, day, weekStartsOn }, year)).toEqual({
      startsOn,
      endsOn,
    });
  });

  it.each([0, 1] as const)('a week starting on %i contains its date, 2000–2040', (start) => {
    for (const year of YEARS) {
      for (const [month, day] of [
        [1, 1],
        [6, 15],
        [9, 10],
        [12, 31],
      ] as const) {
        const { startsOn, endsOn } = resolveObservance(
          { kind: 'week_containing', month, day, weekStartsOn: start },
          year,
        );
        const date = iso(utc(year, month, day));
        expect(startsOn <= date && date <= endsOn).toBe(true);
        expect(new Date(startsOn).getUTCDay()).toBe(start);
        expect(lengthInDays(startsOn, endsOn)).toBe(7);
      }
    }
  });
});

describe('relative', () => {
  const named = (slug: string, rule: ObservanceRule) => ({ slug, rule });
  const thanksgiving = named('us-thanksgiving', { kind: 'nth_weekday', month: 11, weekday: 4, n: 4 });

  it.each([
    [2024, '2024-11-23'],
    [2025, '2025-11-22'],
    [2000, '2000-11-18'],
    [2040, '2040-11-17'],
  ])('Saturday before Thanksgiving %i is %s', (year, date) => {
    const resolver = createObservanceResolver([thanksgiving]);
    const rule: ObservanceRule = { kind: 'relative', to: 'us-thanksgiving', offsetDays: -5, durationDays: 1 };
    expect(resolveObservance(rule, year, resolver)).toEqual({ startsOn: date, endsOn: date });
  });

  it('follows chains and crosses the year end', () => {
    const resolver = createObservanceResolver([
      named('new-year', { kind: 'fixed_day', month: 1, day: 1 }),
      named('eve-week', { kind: 'relative', to: 'new-year', offsetDays: -7, durationDays: 7 }),
      named('after', { kind: 'relative', to: 'eve-week', offsetDays: 14, durationDays: 3 }),
    ]);
    expect(resolver('eve-week', 2025)).toEqual({ startsOn: '2024-12-25', endsOn: '2024-12-31' });
    expect(resolver('after', 2025)).toEqual({ startsOn: '2025-01-08', endsOn: '2025-01-10' });
  });

  it('throws a clear error for an unknown reference', () => {
    const rule: ObservanceRule = { kind: 'relative', to: 'no-such-day', offsetDays: 0, durationDays: 1 };
    const resolve = (): unknown => resolveObservance(rule, 2024, createObservanceResolver([thanksgiving]));
    expect(resolve).toThrow(ObservanceResolutionError);
    expect(resolve).toThrow('relative rule refers to unknown observance "no-such-day"');
  });

  it('throws when no resolver is given', () => {
    const rule: ObservanceRule = { kind: 'relative', to: 'us-thanksgiving', offsetDays: 0, durationDays: 1 };
    expect(() => resolveObservance(rule, 2024)).toThrow(/no resolver/);
  });

  it.each([
    [
      'a two-step cycle',
      [
        named('a', { kind: 'relative', to: 'b', offsetDays: 1, durationDays: 1 }),
        named('b', { kind: 'relative', to: 'a', offsetDays: 1, durationDays: 1 }),
      ],
      'a',
      /cycle: a → b → a/,
    ],
    [
      'a self reference',
      [named('a', { kind: 'relative', to: 'a', offsetDays: 0, durationDays: 1 })],
      'a',
      /cycle: a → a/,
    ],
  ])('throws for %s', (_label, rules, slug, message) => {
    const resolver = createObservanceResolver(rules);
    expect(() => resolver(slug, 2024)).toThrow(ObservanceResolutionError);
    expect(() => resolver(slug, 2024)).toThrow(message);
  });
});

describe('guards', () => {
  it('refuses an invalid rule rather than return a wrong date', () => {
    const bad = { kind: 'fixed_day', month: 4, day: 31 } as ObservanceRule;
    expect(() => resolveObservance(bad, 2024)).toThrow(/invalid observance rule: rule.day must be an integer 1–30/);
  });

  it.each([0, 2024.5, Number.NaN, 10_000])('refuses year %s', (year) => {
    expect(() => resolveObservance({ kind: 'whole_month', month: 5 }, year)).toThrow(RangeError);
  });
});

describe('properties', () => {
  const rules: ObservanceRule[] = [
    { kind: 'fixed_day', month: 2, day: 29 },
    { kind: 'fixed_range', startMonth: 12, startDay: 31, endMonth: 1, endDay: 1 },
    { kind: 'fixed_range', startMonth: 2, startDay: 29, endMonth: 2, endDay: 29 },
    { kind: 'whole_month', month: 2 },
    { kind: 'nth_weekday', month: 2, weekday: 0, n: 5, durationDays: 10 },
    { kind: 'first_full_week', month: 12, weekStartsOn: 1 },
    { kind: 'week_containing', month: 1, day: 1, weekStartsOn: 0 },
  ];
  it.each(rules.map((rule) => [JSON.stringify(rule), rule] as const))(
    'startsOn ≤ endsOn for %s, 2000–2040 and 2100',
    (_label, rule) => {
      for (const year of [...YEARS, 2100]) {
        const { startsOn, endsOn } = resolveObservance(rule, year);
        expect(startsOn <= endsOn).toBe(true);
      }
    },
  );
});
