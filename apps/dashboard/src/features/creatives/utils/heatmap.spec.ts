import { cell, creative, matrix } from '../../../shared/analytics/__fixtures__/analytics';
import { liftColor, toHeatmap } from './heatmap';

const S = { suppressed: true } as const;

describe('liftColor', () => {
  it.each([
    [0, 'rgb(255, 255, 255)', '#1b1f24'],
    [0.5, 'rgb(0, 114, 178)', '#ffffff'],
    [2, 'rgb(0, 114, 178)', '#ffffff'],
    [-0.5, 'rgb(213, 94, 0)', '#ffffff'],
    [0.25, 'rgb(128, 185, 217)', '#1b1f24'],
    [null, '#f3f4f6', '#1b1f24'],
  ])('lift %p → %s', (lift, background, color) => {
    expect(liftColor(lift)).toEqual({ background, color });
  });
});

describe('toHeatmap', () => {
  const data = toHeatmap(
    matrix({
      creatives: [creative('a', 'Story'), creative('b', 'Carousel')],
      segments: [
        {
          segment: { id: 's1', name: '18–24', isPreset: true },
          impressions: 1,
          engagements: 1,
          engagementRate: 0.05,
          leaderCreativeId: 'a',
        },
        {
          segment: { id: 's2', name: '25–54', isPreset: true },
          impressions: 1,
          engagements: 1,
          engagementRate: 0.05,
          leaderCreativeId: null,
        },
      ],
      cells: [
        cell('a', 's1', {
          lift: 0.23,
          verdict: 'leader',
          engagementRate: 0.0615,
          interval: { lower: 0.05, upper: 0.07 },
        }),
        cell('b', 's1', { lift: -0.1 }),
        cell('a', 's2', { lift: S, engagementRate: S, interval: S, impressions: S }),
      ],
    }),
  );

  it('has a column per segment and a row per creative', () => {
    expect(data.columns.map((c) => c.name)).toEqual(['18–24', '25–54']);
    expect(data.rows.map((r) => r.name)).toEqual(['Story', 'Carousel']);
  });

  it.each([
    [
      0,
      0,
      '+23.0%',
      /lift \+23\.0% vs the segment average; engagement rate 6\.2% \(95% interval 5\.0–7\.0%\); 2,000 impressions; leader/,
    ],
    [1, 0, '-10.0%', /lift -10\.0%/],
    [0, 1, '<11', /hidden for privacy/],
    [1, 1, '—', /no data/],
  ])('row %i column %i shows %s', (row, column, text, detail) => {
    const c = data.rows[row]?.cells[column];
    expect(c?.text).toBe(text);
    expect(c?.detail).toMatch(detail);
  });
});

describe('toHeatmap with a thin cell', () => {
  it('greys out a lift computed from too few impressions instead of showing −100%', () => {
    const data = toHeatmap(
      matrix({
        creatives: [creative('a', 'Story')],
        segments: [
          {
            segment: { id: 's1', name: '65+', isPreset: true },
            impressions: 26,
            engagements: 1,
            engagementRate: 0.04,
            leaderCreativeId: null,
          },
        ],
        cells: [cell('a', 's1', { lift: -1, verdict: 'not enough data', impressions: 26 })],
      }),
    );
    const c = data.rows[0]?.cells[0];
    expect(c?.text).toBe('too few');
    expect(c?.detail).toMatch(/not enough data to compare \(26 impressions\)/);
    expect(c?.detail).not.toMatch(/-100/);
    expect(c?.background).toBe(liftColor(null).background);
  });
});
