import { cell, creative, matrix } from '../__fixtures__/analytics';
import { impressionsNeededFor, toSegmentPanels } from './matrix';

const S = { suppressed: true } as const;
const MIN = { impressions: 1000, engagements: 30 };

describe('impressionsNeededFor', () => {
  it.each([
    ['enough data', { impressions: 5000, verdict: 'leader' as const }, 0.05, 0],
    ['short of impressions', { impressions: 400, verdict: 'not enough data' as const }, 0.05, 600], // 1000 − 400 (30 / 0.05 = 600 is already below 1000)
    ['short of expected engagements', { impressions: 1200, verdict: 'not enough data' as const }, 0.01, 1800], // 30 / 0.01 = 3000 − 1200
    ['hidden count counts as none', { impressions: S, verdict: 'not enough data' as const }, 0.05, 1000],
    ['no segment rate', { impressions: 300, verdict: 'not enough data' as const }, null, 700],
  ])('%s', (_name, c, rate, expected) => {
    expect(impressionsNeededFor(c, MIN, rate)).toBe(expected);
  });
});

describe('toSegmentPanels', () => {
  const response = matrix({
    creatives: [creative('a', 'Personal story'), creative('b', 'Expert interview'), creative('c', 'Carousel')],
    segments: [
      {
        segment: { id: 'preset:young-adults', name: '18–24', isPreset: true },
        impressions: 9000,
        engagements: 600,
        engagementRate: 0.066,
        leaderCreativeId: 'a',
      },
      {
        segment: { id: 'preset:teens', name: '13–17', isPreset: true },
        impressions: 700,
        engagements: 40,
        engagementRate: 0.05,
        leaderCreativeId: null,
      },
    ],
    cells: [
      cell('a', 'preset:young-adults', {
        engagementRate: 0.09,
        interval: { lower: 0.08, upper: 0.1 },
        probabilityToBeBest: 0.96,
        verdict: 'leader',
      }),
      cell('b', 'preset:young-adults', {
        engagementRate: 0.05,
        interval: { lower: 0.04, upper: 0.06 },
        probabilityToBeBest: 0.04,
      }),
      cell('c', 'preset:young-adults', {
        impressions: S,
        engagements: S,
        engagementRate: S,
        interval: S,
        lift: S,
        probabilityToBeBest: null,
        verdict: 'not enough data',
      }),
      cell('a', 'preset:teens', {
        impressions: 400,
        engagements: 20,
        engagementRate: 0.05,
        verdict: 'not enough data',
        probabilityToBeBest: null,
      }),
      cell('b', 'preset:teens', {
        impressions: 300,
        engagements: 20,
        engagementRate: 0.0667,
        verdict: 'not enough data',
        probabilityToBeBest: null,
      }),
    ],
  });
  const [young, teens] = toSegmentPanels(response);

  it('orders creatives by rate, hidden last, with whiskers relative to the rate', () => {
    expect(young?.bars.map((b) => b.creativeId)).toEqual(['a', 'b', 'c']);
    expect(young?.bars[0]?.errorBar?.[0]).toBeCloseTo(0.01);
    expect(young?.bars[0]?.errorBar?.[1]).toBeCloseTo(0.01);
    expect(young?.bars[2]).toMatchObject({ rate: null, errorBar: null, suppressed: true });
  });

  it('says which creative leads, in words', () => {
    expect(young?.hasLeader).toBe(true);
    expect(young?.headline).toBe('Personal story is very likely the best for 18–24 (96% chance).');
  });

  it('says how much more data a segment without a verdict needs', () => {
    // a: max(1000 − 400, 600 − 400) = 600; b: 700 → 1,300 in all.
    expect(teens?.bars.map((b) => b.impressionsNeeded)).toEqual([700, 600]);
    expect(teens?.headline).toBe('Not enough data yet for 13–17 — about 1,300 more impressions needed.');
  });
});
