import type { TimeseriesBucket, TimeseriesResponse } from '@resonance/contracts';
import { meta, metricSet } from '../__fixtures__/analytics';
import { toTrendData } from './trend';

const S = { suppressed: true } as const;

function bucket(day: string, impressions: number | typeof S, engagementRate: number | null = null): TimeseriesBucket {
  return { bucket: day, start: `${day}T00:00:00.000Z`, metrics: metricSet({ impressions, engagementRate }) };
}

function series(current: TimeseriesBucket[], comparison?: TimeseriesBucket[]): TimeseriesResponse {
  return { meta: meta(), granularity: 'day', current, ...(comparison ? { comparison } : {}) };
}

describe('toTrendData', () => {
  it.each([
    {
      name: 'current only',
      input: series([bucket('2026-05-01', 10), bucket('2026-05-02', 20)]),
      points: [
        {
          bucket: '2026-05-01',
          previousBucket: null,
          current: 10,
          previous: null,
          currentSuppressed: false,
          previousSuppressed: false,
        },
        {
          bucket: '2026-05-02',
          previousBucket: null,
          current: 20,
          previous: null,
          currentSuppressed: false,
          previousSuppressed: false,
        },
      ],
      hasComparison: false,
      isEmpty: false,
    },
    {
      name: 'comparison aligned by offset',
      input: series(
        [bucket('2026-05-01', 10), bucket('2026-05-02', 20)],
        [bucket('2026-04-29', 5), bucket('2026-04-30', 7)],
      ),
      points: [
        {
          bucket: '2026-05-01',
          previousBucket: '2026-04-29',
          current: 10,
          previous: 5,
          currentSuppressed: false,
          previousSuppressed: false,
        },
        {
          bucket: '2026-05-02',
          previousBucket: '2026-04-30',
          current: 20,
          previous: 7,
          currentSuppressed: false,
          previousSuppressed: false,
        },
      ],
      hasComparison: true,
      isEmpty: false,
    },
    {
      name: 'suppressed buckets are gaps, flagged',
      input: series([bucket('2026-05-01', S)], [bucket('2026-04-30', S)]),
      points: [
        {
          bucket: '2026-05-01',
          previousBucket: '2026-04-30',
          current: null,
          previous: null,
          currentSuppressed: true,
          previousSuppressed: true,
        },
      ],
      hasComparison: true,
      isEmpty: false,
    },
    {
      name: 'all zero is empty',
      input: series([bucket('2026-05-01', 0), bucket('2026-05-02', 0)]),
      points: [
        {
          bucket: '2026-05-01',
          previousBucket: null,
          current: 0,
          previous: null,
          currentSuppressed: false,
          previousSuppressed: false,
        },
        {
          bucket: '2026-05-02',
          previousBucket: null,
          current: 0,
          previous: null,
          currentSuppressed: false,
          previousSuppressed: false,
        },
      ],
      hasComparison: false,
      isEmpty: true,
    },
  ])('$name', ({ input, points, hasComparison, isEmpty }) => {
    expect(toTrendData(input, 'impressions')).toEqual({ points, hasComparison, isEmpty });
  });

  it('reads the metric asked for', () => {
    const data = toTrendData(series([bucket('2026-05-01', 100, 0.05)]), 'engagementRate');
    expect(data.points[0]?.current).toBe(0.05);
  });
});
