import type { PlanningSegmentId, YoyResponse, YoyRow } from '@resonance/contracts';
import { latestBaseline, toYoyChartData, toYoyTableRows } from './yoyChart';

const S = { suppressed: true as const };

function row(segment: PlanningSegmentId, partial: Partial<YoyRow> = {}): YoyRow {
  return {
    segment,
    impressions: 1000,
    engagements: 50,
    engagementRate: { estimate: 0.05, lower: 0.04, upper: 0.065 },
    vsPrevious: null,
    ...partial,
  };
}

const response: Pick<YoyResponse, 'segments' | 'years' | 'suppressionThreshold'> = {
  suppressionThreshold: 11,
  segments: [
    { id: 'all', label: 'Everyone' },
    { id: 'gen-z', label: 'Gen Z (13–24)' },
  ],
  years: [
    {
      year: 2026,
      windowStartsOn: '2026-05-01',
      windowEndsOn: '2026-05-31',
      campaigns: [],
      rows: [
        row('all', {
          impressions: 2000,
          engagements: 120,
          engagementRate: { estimate: 0.06, lower: 0.05, upper: 0.072 },
          vsPrevious: { previousYear: 2025, absoluteChange: 0.01, relativeChange: 0.2, pValue: 0.0004 },
        }),
        row('gen-z', {
          impressions: 8,
          engagements: S,
          engagementRate: S,
          vsPrevious: { previousYear: 2025, absoluteChange: S, relativeChange: S, pValue: S },
        }),
      ],
    },
    {
      year: 2025,
      windowStartsOn: '2025-05-01',
      windowEndsOn: '2025-05-31',
      campaigns: [],
      rows: [
        row('all'),
        row('gen-z', { impressions: 0, engagements: 0, engagementRate: { estimate: null, lower: null, upper: null } }),
      ],
    },
  ],
};

describe('toYoyChartData', () => {
  it('orders years oldest first and gives each rate its distances to the interval bounds', () => {
    const chart = toYoyChartData(response);
    expect(chart.data.map((d) => d.year)).toEqual(['2025', '2026']);
    expect(chart.data[0]?.rates.all).toBe(0.05);
    expect(chart.data[0]?.errors.all?.[0]).toBeCloseTo(0.01, 10);
    expect(chart.data[0]?.errors.all?.[1]).toBeCloseTo(0.015, 10);
    expect(chart.data[1]?.rates.all).toBe(0.06);
  });

  it.each([
    ['no impressions', 0],
    ['hidden for small numbers', 1],
  ])('draws no bar for a cell with %s', (_label, yearIndex) => {
    const chart = toYoyChartData(response);
    expect(chart.data[yearIndex]?.rates['gen-z']).toBeNull();
    expect(chart.data[yearIndex]?.errors['gen-z']).toBeNull();
  });

  it('counts the cells without a bar, and is not empty while one rate exists', () => {
    const chart = toYoyChartData(response);
    expect(chart.hiddenCells).toBe(2);
    expect(chart.empty).toBe(false);
  });

  it('is empty when no cell has a rate', () => {
    expect(toYoyChartData({ segments: response.segments, years: [] }).empty).toBe(true);
  });

  it('gives each segment a palette colour, at most six series', () => {
    const segments = (
      ['all', 'gen-z', 'young-adults', 'age-13-17', 'age-18-24', 'age-25-34', 'age-35-44'] as const
    ).map((id) => ({ id, label: id }));
    const chart = toYoyChartData({ segments, years: [] });
    expect(chart.series).toHaveLength(6);
    expect(chart.series.map((s) => s.color)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `var(--c-series-${i})`));
  });

  it('clips a lower bound above the estimate to a zero-length whisker', () => {
    const odd = {
      segments: [{ id: 'all' as const, label: 'Everyone' }],
      years: [
        {
          ...response.years[1]!,
          rows: [row('all', { engagementRate: { estimate: 0.05, lower: 0.051, upper: 0.06 } })],
        },
      ],
    };
    expect(toYoyChartData(odd).data[0]?.errors.all?.[0]).toBe(0);
  });
});

describe('toYoyTableRows', () => {
  it('describes every cell newest first, with hidden counts, intervals and the change', () => {
    const rows = toYoyTableRows(response, 'en-GB');
    expect(rows.map((r) => r.key)).toEqual(['2026:all', '2026:gen-z', '2025:all', '2025:gen-z']);
    expect(rows[0]).toMatchObject({
      segment: 'Everyone',
      impressions: '2,000',
      engagements: '120',
      rate: '6%',
      interval: '95% CI 5%–7.2%',
      change: '+1.0 pts vs 2025 (+20.0%), p = < 0.001',
    });
    expect(rows[1]).toMatchObject({
      impressions: '8',
      engagements: '<11',
      rate: 'hidden (small numbers)',
      interval: null,
      change: 'vs 2025: hidden (small numbers)',
    });
    expect(rows[3]).toMatchObject({ rate: 'no impressions', change: null });
  });
});

describe('latestBaseline', () => {
  it('takes the newest year with a rate, first segment first', () => {
    expect(latestBaseline(response)).toEqual({ year: 2026, segment: 'Everyone', rate: 0.06 });
  });

  it('skips hidden and empty cells', () => {
    const genZFirst = { segments: [...response.segments].reverse(), years: response.years };
    expect(latestBaseline(genZFirst)).toEqual({ year: 2026, segment: 'Everyone', rate: 0.06 });
    const onlyGenZ = { segments: [{ id: 'gen-z' as const, label: 'Gen Z' }], years: response.years };
    expect(latestBaseline(onlyGenZ)).toBeNull();
  });

  it.each([[undefined], [{ segments: response.segments, years: [] }]])('is null without history (%p)', (input) => {
    expect(latestBaseline(input)).toBeNull();
  });
});
