import type { Insight, InsightsResponse } from '@resonance/contracts';
import { creative, meta } from '../../../shared/analytics/__fixtures__/analytics';
import { confidenceWords, evidenceHref, toInsightCards } from './insightCards';

function insight(overrides: Partial<Insight>): Insight {
  return {
    kind: 'segment-creative',
    segment: { id: 'preset:young-adults', name: 'Young adults 18–24', isPreset: true },
    impressions: 1098,
    engagements: 180,
    engagementRate: 0.164,
    ratio: 2.4,
    direction: 'above',
    pValue: 0.00001,
    qValue: 0.0001,
    sentence: '18–24 engage 2.4× the campaign average with "Sam\'s story"',
    ...overrides,
  };
}

describe('insight cards', () => {
  it.each([
    [0.0001, 'Very strong evidence'],
    [0.005, 'Strong evidence'],
    [0.04, 'Good evidence'],
  ])('q = %d → %s', (q, words) => {
    expect(confidenceWords(q)).toBe(words);
  });

  it.each([
    [
      'a creative: its campaign and the segment',
      insight({ creative: creative('cr1', "Sam's story", { campaignId: 'camp-1' }) }),
      '?range=awareness&segment=preset%3Ateens&seg=old',
      '/creatives?range=awareness&seg=preset%3Ayoung-adults&campaign=camp-1',
    ],
    [
      'a platform: the platform filter',
      insight({
        kind: 'segment-dimension',
        dimensions: [
          { dimension: 'platform', value: 'tiktok', label: 'TikTok' },
          { dimension: 'format', value: 'personal_story', label: 'Personal story' },
        ],
      }),
      '',
      '/creatives?seg=preset%3Ayoung-adults&platform=tiktok',
    ],
  ])('evidence link for %s', (_name, item, search, href) => {
    expect(evidenceHref(item, search)).toBe(href);
  });

  it('ranks cards in the order given with plain figures', () => {
    const response: InsightsResponse = {
      meta: meta(),
      method: {
        test: 'two-proportion z-test vs the rest of the campaign',
        fdr: 'benjamini-hochberg',
        q: 0.05,
        minimumSample: { impressions: 1000, engagements: 30 },
        description: '',
      },
      average: { impressions: 1, engagements: 1, engagementRate: 0.07 },
      tested: 40,
      items: [insight({}), insight({ direction: 'below', ratio: 0.44, sentence: 'Less', qValue: 0.02 })],
      total: 2,
    };
    const cards = toInsightCards(response, '');
    expect(cards.map((c) => [c.rank, c.ratioText, c.confidence, c.direction])).toEqual([
      [1, '2.4× the average', 'Very strong evidence', 'above'],
      [2, '0.4× the average', 'Good evidence', 'below'],
    ]);
    expect(cards[0]?.sampleText).toBe('180 engagements from 1,098 impressions');
  });
});
