import { cell, creative, matrix } from '../../../shared/analytics/__fixtures__/analytics';
import { toMatrixRows } from './matrixRows';

describe('toMatrixRows', () => {
  it.each([
    [0, { id: 's1|a', segment: '18–24', creative: 'Story', platform: 'tiktok', verdict: 'leader' }],
    [1, { id: 's1|b', segment: '18–24', creative: 'b', platform: '', verdict: 'no clear difference' }],
  ])('row %i names its segment and creative', (i, expected) => {
    const rows = toMatrixRows(
      matrix({
        creatives: [creative('a', 'Story')],
        segments: [
          {
            segment: { id: 's1', name: '18–24', isPreset: true },
            impressions: 1,
            engagements: 1,
            engagementRate: 0.05,
            leaderCreativeId: 'a',
          },
        ],
        cells: [cell('a', 's1', { verdict: 'leader' }), cell('b', 's1')],
      }),
    );
    expect(rows[i]).toMatchObject(expected);
  });
});
