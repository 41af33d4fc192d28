import { OBSERVANCE_CATALOGUE } from './catalogue.js';
import type { NamedObservanceRule } from './observance-rule.js';
import { observancesInRange } from './observances-in-range.js';
import { ObservanceResolutionError } from './resolve-observance.js';

interface Row extends NamedObservanceRule {
  colour: string;
}

const rows: Row[] = [
  { slug: 'new-year', colour: 'red', rule: { kind: 'fixed_day', month: 1, day: 1 } },
  {
    slug: 'holidays',
    colour: 'green',
    rule: { kind: 'fixed_range', startMonth: 12, startDay: 20, endMonth: 1, endDay: 5 },
  },
  { slug: 'first-week', colour: 'blue', rule: { kind: 'week_containing', month: 1, day: 1, weekStartsOn: 1 } },
  { slug: 'countdown', colour: 'gold', rule: { kind: 'relative', to: 'new-year', offsetDays: -3, durationDays: 1 } },
  { slug: 'january', colour: 'grey', rule: { kind: 'whole_month', month: 1 } },
  { slug: 'june-day', colour: 'pink', rule: { kind: 'fixed_day', month: 6, day: 1 } },
];

const summary = (window: ReturnType<typeof observancesInRange<Row>>): string[] =>
  window.map((o) => `${o.observance.slug}@${o.year} ${o.startsOn}…${o.endsOn}`);

describe('observancesInRange', () => {
  it('finds occurrences across a year boundary, sorted by start, with the year of each rule', () => {
    expect(summary(observancesInRange(rows, '2024-12-28', '2025-01-02'))).toEqual([
      'holidays@2024 2024-12-20…2025-01-05',
      'countdown@2025 2024-12-29…2024-12-29',
      'first-week@2025 2024-12-30…2025-01-05',
      'new-year@2025 2025-01-01…2025-01-01',
      'january@2025 2025-01-01…2025-01-31',
    ]);
  });

  it('includes an occurrence that started before the window and one that ends after it', () => {
    expect(summary(observancesInRange(rows, '2025-01-03', '2025-01-03'))).toEqual([
      'holidays@2024 2024-12-20…2025-01-05',
      'first-week@2025 2024-12-30…2025-01-05',
      'january@2025 2025-01-01…2025-01-31',
    ]);
  });

  it('keeps the caller’s own objects, with their extra fields', () => {
    const [first] = observancesInRange(rows, '2025-06-01', '2025-06-01');
    expect(first?.observance.colour).toBe('pink');
  });

  it.each([
    ['a 12-month planning window from July', '2024-07-01', '2025-06-30', 1],
    ['three calendar years', '2024-01-01', '2026-12-31', 3],
  ])('lists each catalogue observance the right number of times over %s', (_label, from, to, times) => {
    const found = observancesInRange(OBSERVANCE_CATALOGUE, from, to);
    for (const entry of OBSERVANCE_CATALOGUE) {
      expect([entry.slug, found.filter((o) => o.observance === entry).length]).toEqual([entry.slug, times]);
    }
    const starts = found.map((o) => o.startsOn);
    expect(starts).toEqual([...starts].sort());
  });

  it('resolves catalogue rules that refer to reference dates (US Thanksgiving)', () => {
    const found = observancesInRange(OBSERVANCE_CATALOGUE, '2024-11-01', '2024-11-30');
    const survivors = found.find((o) => o.observance.slug === 'international-survivors-of-suicide-loss-day');
    expect(survivors).toMatchObject({ year: 2024, startsOn: '2024-11-23', endsOn: '2024-11-23' });
    expect(found.some((o) => o.observance.slug === 'us-thanksgiving')).toBe(false);
  });

  it('lets listed observances shadow a reference date of the same slug', () => {
    const own: NamedObservanceRule[] = [
      { slug: 'us-thanksgiving', rule: { kind: 'fixed_day', month: 11, day: 1 } },
      { slug: 'before', rule: { kind: 'relative', to: 'us-thanksgiving', offsetDays: -1, durationDays: 1 } },
    ];
    const found = observancesInRange(own, '2024-10-31', '2024-10-31');
    expect(found.map((o) => o.observance.slug)).toEqual(['before']);
  });

  it('reports a reference that cannot be resolved', () => {
    const own: NamedObservanceRule[] = [
      { slug: 'orphan', rule: { kind: 'relative', to: 'gone', offsetDays: 0, durationDays: 1 } },
    ];
    expect(() => observancesInRange(own, '2024-01-01', '2024-12-31', { references: [] })).toThrow(
      ObservanceResolutionError,
    );
  });

  it('handles a rule whose occurrences sit far from their year (relative offset of almost a year)', () => {
    const own: NamedObservanceRule[] = [
      { slug: 'anchor', rule: { kind: 'fixed_day', month: 12, day: 31 } },
      { slug: 'late', rule: { kind: 'relative', to: 'anchor', offsetDays: 300, durationDays: 1 } },
    ];
    const found = observancesInRange(own, '2025-10-01', '2025-10-31').map((o) => [
      o.observance.slug,
      o.year,
      o.startsOn,
    ]);
    expect(found).toEqual([['late', 2024, '2025-10-27']]);
  });

  it('returns nothing for an empty list', () => {
    expect(observancesInRange([], '2024-01-01', '2024-12-31')).toEqual([]);
  });

  it.each([
    ['2024-02-30', '2024-03-01', /fromDate must be a real calendar date/],
    ['2024-03-01', '2024/03/02', /toDate must be a real calendar date/],
    ['2024-03-02', '2024-03-01', /fromDate 2024-03-02 is after toDate 2024-03-01/],
  ])('rejects the window %s … %s', (from, to, message) => {
    expect(() => observancesInRange(rows, from, to)).toThrow(message);
  });
});
