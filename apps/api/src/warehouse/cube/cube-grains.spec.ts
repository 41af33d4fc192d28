import type { AnalyticsScope, Condition } from '../read/scope.js';
import type { GroupKey } from '../read/sql.js';
import { bucketOf, chooseGrain } from './cube-grains.js';

function scope(fields: Partial<AnalyticsScope> = {}): AnalyticsScope {
  return {
    orgId: 'org',
    orgTimeZone: 'Europe/London',
    threshold: 11,
    tz: 'Europe/London',
    period: { from: '2026-03-01', to: '2026-03-31' },
    days: 31,
    comparison: null,
    campaign: null,
    creativeIds: null,
    conditions: [],
    filters: {},
    segment: null,
    subHourOffset: false,
    ...fields,
  } as AnalyticsScope;
}

const grainOf = (s: AnalyticsScope, groupBy: GroupKey[] = [], segments?: Condition[][]): string | null =>
  chooseGrain({ scope: s, groupBy, ...(segments ? { segments } : {}) })?.id ?? null;

describe('chooseGrain', () => {
  it('answers totals, trends and single audience dimensions from the smallest grain', () => {
    expect(grainOf(scope())).toBe('total');
    expect(grainOf(scope(), ['day'])).toBe('total');
    expect(grainOf(scope(), ['month'])).toBe('total');
    expect(grainOf(scope(), ['ageBand'])).toBe('ageBand');
    expect(grainOf(scope({ conditions: [{ dimension: 'region', values: ['GB'] }] }), ['week'])).toBe('region');
  });

  it('uses age band × gender for either or both, and creative grains for creative questions', () => {
    expect(grainOf(scope({ conditions: [{ dimension: 'gender', values: ['female'] }] }), ['ageBand'])).toBe(
      'ageBand+gender',
    );
    expect(grainOf(scope(), ['creative'])).toBe('creative');
    expect(grainOf(scope(), ['theme'])).toBe('creative');
    expect(grainOf(scope({ creativeIds: ['c1'] }), ['platform'])).toBe('creative');
    expect(grainOf(scope(), ['creative', 'platform'], [[{ dimension: 'ageBand', values: ['18-24'] }]])).toBe(
      'creative+ageBand',
    );
  });

  it('leaves to the rollups what no grain holds, hour buckets and other time zones', () => {
    expect(grainOf(scope(), ['ageBand', 'region'])).toBeNull();
    expect(
      grainOf(
        scope({ conditions: [{ dimension: 'platform', values: ['tiktok'] }] }),
        [],
        [[{ dimension: 'ageBand', values: ['13-17'] }]],
      ),
    ).toBeNull();
    expect(grainOf(scope(), ['creative', 'gender'])).toBeNull();
    expect(grainOf(scope(), ['hour'])).toBeNull();
    expect(grainOf(scope({ tz: 'America/New_York' }))).toBeNull();
  });
});

describe('bucketOf', () => {
  it('buckets a day as the rollup SQL does: weeks start on Monday, months on the 1st', () => {
    expect(bucketOf('day', '2026-03-04')).toBe('2026-03-04');
    expect(bucketOf('week', '2026-03-04')).toBe('2026-03-02'); // Wednesday → Monday
    expect(bucketOf('week', '2026-03-02')).toBe('2026-03-02');
    expect(bucketOf('week', '2026-03-01')).toBe('2026-02-23'); // Sunday → the Monday before
    expect(bucketOf('week', '2027-01-01')).toBe('2026-12-28'); // across a year end
    expect(bucketOf('month', '2024-02-29')).toBe('2024-02-01');
  });
});
