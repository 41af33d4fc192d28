import type { AnalyticsScope, Condition } from '../read/scope.js';
import type { GroupKey } from '../read/sql.js';
import {
  bucketOf,
  chooseGrain,
  CUBE_GRAINS,
  coveredByHourGrain,
  hourCellDays,
  keepsHourCells,
  weekCellsFit,
  weekGrainOf,
  wholeWeeks,
} from './cube-grains.js';

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

  it('answers every pair of audience dimensions from its pair grain, org-wide or per campaign', () => {
    expect(grainOf(scope(), ['ageBand', 'region'])).toBe('ageBand+region');
    expect(grainOf(scope(), ['region', 'ageBand'])).toBe('ageBand+region');
    expect(grainOf(scope({ conditions: [{ dimension: 'platform', values: ['instagram'] }] }), ['ageBand'])).toBe(
      'platform+ageBand',
    );
    expect(grainOf(scope({ conditions: [{ dimension: 'language', values: ['en'] }] }), ['gender', 'day'])).toBe(
      'gender+language',
    );
    expect(grainOf(scope(), ['region', 'language'])).toBe('region+language');
    expect(
      grainOf(scope({ campaign: { id: 'c', key: 'k', name: 'n' } } as Partial<AnalyticsScope>), ['platform', 'region']),
    ).toBe('platform+region');
    // The 10 pairs, each answered by a grain holding exactly those two dimensions.
    const dims = ['platform', 'ageBand', 'gender', 'region', 'language'] as const;
    for (const [i, a] of dims.entries()) {
      for (const b of dims.slice(i + 1)) {
        const grain = chooseGrain({ scope: scope(), groupBy: [a, b] });
        expect({ pair: [a, b], dims: [...(grain?.dims ?? [])].sort() }).toEqual({ pair: [a, b], dims: [a, b].sort() });
      }
    }
  });

  it('answers three or more audience dimensions (a saved segment) from the full audience cell', () => {
    const womenUsInstagram: Condition[] = [
      { dimension: 'gender', values: ['female'] },
      { dimension: 'ageBand', values: ['25-34'] },
      { dimension: 'region', values: ['US'] },
      { dimension: 'platform', values: ['instagram'] },
    ];
    expect(grainOf(scope(), [], [womenUsInstagram])).toBe('audience');
    expect(grainOf(scope({ conditions: womenUsInstagram }))).toBe('audience');
    // Kept for all campaigns together only: one campaign's question goes to the rollups.
    const campaign = { id: 'c', key: 'k', name: 'n' } as AnalyticsScope['campaign'];
    expect(grainOf(scope({ campaign, conditions: womenUsInstagram }))).toBeNull();
    expect(grainOf(scope({ campaign }), [], [womenUsInstagram])).toBeNull();
    expect(grainOf(scope({ conditions: [{ dimension: 'region', values: ['US'] }] }), ['ageBand', 'gender'])).toBe(
      'audience',
    );
    expect(
      grainOf(
        scope({ conditions: [{ dimension: 'platform', values: ['tiktok'] }] }),
        [],
        [[{ dimension: 'ageBand', values: ['13-17'] }]],
      ),
    ).toBe('platform+ageBand');
  });

  it('answers a creative with one audience dimension (and the platform) from its creative grain', () => {
    expect(grainOf(scope(), ['gender', 'creative'])).toBe('creative+gender');
    expect(grainOf(scope({ conditions: [{ dimension: 'platform', values: ['x'] }] }), ['creative', 'region'])).toBe(
      'creative+region',
    );
    expect(grainOf(scope({ creativeIds: ['c1'] }), ['language'])).toBe('creative+language');
    expect(grainOf(scope(), ['creative', 'platform'], [[{ dimension: 'gender', values: ['male'] }]])).toBe(
      'creative+gender',
    );
  });

  it('leaves to the rollups what no grain holds: a creative with two audience dimensions, hour buckets, other time zones', () => {
    expect(
      grainOf(scope({ conditions: [{ dimension: 'gender', values: ['female'] }] }), ['creative', 'ageBand']),
    ).toBeNull();
    expect(
      grainOf(
        scope(),
        ['creative'],
        [
          [
            { dimension: 'region', values: ['US'] },
            { dimension: 'ageBand', values: ['18-24'] },
          ],
        ],
      ),
    ).toBeNull();
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

describe('the hour grain', () => {
  const period = { from: '2026-10-30', to: '2026-11-02' };
  const covered = (s: AnalyticsScope, groupBy: GroupKey[], segments?: Condition[][]): boolean =>
    coveredByHourGrain({ scope: s, groupBy, period, ...(segments ? { segments } : {}) });

  it('answers hour buckets and other time zones for the organisation or a campaign, by or filtered by platform', () => {
    const ny = scope({ tz: 'America/New_York' });
    expect(covered(ny, ['day'])).toBe(true);
    expect(covered(ny, ['week', 'platform'])).toBe(true);
    expect(covered(scope(), ['hour'])).toBe(true);
    expect(covered(scope({ campaign: { id: 'c', key: 'k', name: 'n' } }), ['hour'])).toBe(true);
    expect(
      covered(scope({ tz: 'Asia/Kolkata', conditions: [{ dimension: 'platform', values: ['x'] }] }), ['day']),
    ).toBe(true);
    expect(covered(ny, [], [[{ dimension: 'platform', values: ['tiktok'] }], []])).toBe(true);
  });

  it('leaves creative questions (rollup_hourly is their grain) and organisations in +5:30 zones to rollup_hourly', () => {
    expect(covered(scope({ creativeIds: ['a'] }), ['hour'])).toBe(false);
    expect(covered(scope(), ['hour', 'creative'])).toBe(false);
    expect(covered(scope(), ['hour', 'format'])).toBe(false);
    expect(covered(scope({ orgTimeZone: 'Asia/Kolkata', tz: 'Asia/Kolkata' }), ['hour'])).toBe(false);
    expect(covered(scope({ orgTimeZone: 'Asia/Kolkata', tz: 'UTC' }), ['day'])).toBe(false);
    expect(covered(scope({ orgTimeZone: 'Asia/Kathmandu', tz: 'UTC' }), ['day'])).toBe(false);
  });

  it('keeps hour cells only for days whose bounds are UTC hours, including a 25-hour DST day', () => {
    expect(keepsHourCells('America/New_York', '2026-11-01')).toBe(true);
    expect(keepsHourCells('Europe/London', '2026-03-29')).toBe(true);
    expect(keepsHourCells('Asia/Kolkata', '2026-11-01')).toBe(false);
    expect(keepsHourCells('America/St_Johns', '2026-07-01')).toBe(false);
  });

  it('reads the organisation days two either side of the window (zones differ by up to 26 hours)', () => {
    expect(hourCellDays(period)).toEqual({ from: '2026-10-28', to: '2026-11-04' });
  });
});

describe('week cells', () => {
  it('the creative grains have week twins; the others do not', () => {
    expect(CUBE_GRAINS.filter((g) => weekGrainOf(g)).map((g) => weekGrainOf(g)?.id)).toEqual([
      'creative@week',
      'creative+gender@week',
      'creative+language@week',
      'creative+ageBand@week',
      'creative+region@week',
    ]);
    expect(weekGrainOf(CUBE_GRAINS[0] as (typeof CUBE_GRAINS)[number])).toBeUndefined();
  });

  it('lists the whole Monday-to-Sunday weeks within a window', () => {
    // 2026-10-02 is a Friday: the weeks of 10-05, 10-12 and 10-19 are whole; 10-26 … 11-01 is not (ends 10-31).
    expect(wholeWeeks('2026-10-02', '2026-10-31')).toEqual(['2026-10-05', '2026-10-12', '2026-10-19']);
    expect(wholeWeeks('2026-10-05', '2026-10-11')).toEqual(['2026-10-05']);
    expect(wholeWeeks('2026-10-05', '2026-10-10')).toEqual([]);
    expect(wholeWeeks('2026-12-28', '2027-01-10')).toEqual(['2026-12-28', '2027-01-04']);
  });

  it('are used without time buckets or with week buckets only', () => {
    expect(weekCellsFit(['gender', 'creative'])).toBe(true);
    expect(weekCellsFit(['week'])).toBe(true);
    expect(weekCellsFit(['day'])).toBe(false);
    expect(weekCellsFit(['month', 'creative'])).toBe(false);
  });
});
