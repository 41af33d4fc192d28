import type { CreativeMatrixResponse } from '@resonance/contracts';
import { withDistinctCreativeNames } from './creativeNames';

const creative = (id: string, name: string, campaignId: string) =>
  ({ id, key: id, name, campaignId, platform: 'tiktok', format: 'image', theme: null, partner: null }) as const;

describe('withDistinctCreativeNames', () => {
  it('names the campaign of creatives that share a name, and leaves unique names alone', () => {
    const response = {
      creatives: [
        creative('a', 'Talking helps', 'c1'),
        creative('b', 'Talking helps', 'c2'),
        creative('c', 'Poster', 'c1'),
      ],
    } as unknown as CreativeMatrixResponse;
    const named = withDistinctCreativeNames(response, [
      { id: 'c1', name: 'MHAM 2026' },
      { id: 'c2', name: 'WMHD 2026' },
    ]);
    expect(named.creatives.map((c) => c.name)).toEqual([
      'Talking helps (MHAM 2026)',
      'Talking helps (WMHD 2026)',
      'Poster',
    ]);
  });
});
