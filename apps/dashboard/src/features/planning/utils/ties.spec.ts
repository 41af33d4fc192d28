import type { RecommendationOption } from '@resonance/contracts';
import { rankLabel, rankTies } from './ties';

function option(value: string, rank: number | null, engagements: number, impressions: number): RecommendationOption {
  return {
    value,
    rank,
    status: rank === null ? 'not_enough_history' : 'ranked',
    creatives: 3,
    impressions,
    engagements,
    engagementRate: { estimate: engagements / impressions, lower: null, upper: null },
  };
}

describe('rankTies', () => {
  it('marks options whose rates chance could explain as tied with the best above them', () => {
    // 7.5% of 5,000 vs 7.2% of 5,000 vs 7.1% of 5,000: intervals 6.8–8.3, 6.5–7.9, 6.4–7.8 (the case).
    const options = [option('video', 1, 375, 5000), option('image', 2, 360, 5000), option('story', 3, 355, 5000)];
    const ties = rankTies(options);
    expect(ties.get('image')).toBe(1);
    expect(ties.get('story')).toBe(1);
    expect(ties.get('video')).toBe(2);
    expect(options.map((o) => rankLabel(o, ties))).toEqual([
      '#1 · tied with #2',
      '#2 · tied with #1',
      '#3 · tied with #1',
    ]);
  });

  it('keeps the order when the difference is beyond chance', () => {
    // 10% vs 5% of 5,000 each: z ≈ 9.5.
    const options = [option('video', 1, 500, 5000), option('image', 2, 250, 5000), option('thin', null, 1, 20)];
    const ties = rankTies(options);
    expect(ties.size).toBe(0);
    expect(options.map((o) => rankLabel(o, ties))).toEqual(['#1', '#2', null]);
  });

  it('ties a third option with the second when only the first is clearly ahead', () => {
    const options = [option('a', 1, 1000, 5000), option('b', 2, 400, 5000), option('c', 3, 390, 5000)];
    const ties = rankTies(options);
    expect(ties.get('c')).toBe(2);
    expect(ties.get('b')).toBe(3);
    expect(ties.has('a')).toBe(false);
  });

  it('leaves hidden counts out of the test', () => {
    const hidden: RecommendationOption = {
      ...option('b', 2, 0, 1),
      impressions: { suppressed: true },
      engagements: { suppressed: true },
    };
    expect(rankTies([option('a', 1, 100, 1000), hidden]).size).toBe(0);
  });
});
