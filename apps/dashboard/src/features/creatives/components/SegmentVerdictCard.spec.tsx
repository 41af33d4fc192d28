import { render, screen, within } from '@testing-library/react';
import { cell, creative, matrix } from '../../../shared/analytics/__fixtures__/analytics';
import { toSegmentPanels } from '../../../shared/analytics/utils/matrix';
import { rateAxisMax } from './IntervalChart';
import { SegmentVerdictCard } from './SegmentVerdictCard';

const S = { suppressed: true } as const;

describe('SegmentVerdictCard', () => {
  const [panel] = toSegmentPanels(
    matrix({
      creatives: [creative('a', 'Personal story'), creative('b', 'Expert interview'), creative('c', 'Carousel')],
      segments: [
        {
          segment: { id: 's', name: '18–24', isPreset: true },
          impressions: 9000,
          engagements: 600,
          engagementRate: 0.066,
          leaderCreativeId: 'a',
        },
      ],
      cells: [
        cell('a', 's', {
          engagementRate: 0.09,
          interval: { lower: 0.08, upper: 0.1 },
          probabilityToBeBest: 0.96,
          verdict: 'leader',
        }),
        cell('b', 's', { engagementRate: 0.05, probabilityToBeBest: 0.04 }),
        cell('c', 's', {
          impressions: S,
          engagements: S,
          engagementRate: S,
          interval: S,
          lift: S,
          probabilityToBeBest: null,
          verdict: 'not enough data',
        }),
      ],
    }),
  );

  it('states the verdict and each creative in words, with the hidden cell as "<11"', () => {
    const { container } = render(<SegmentVerdictCard panel={panel!} threshold={11} animate={false} chartWidth={480} />);
    expect(screen.getByTestId('segment-verdict').textContent).toBe(
      'Personal story is very likely the best for 18–24 (96% chance).',
    );
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Leader Personal story: The best here: 96% chance of being the best.',
      'No clear difference Expert interview: Behind the leader: 4% chance of being the best.',
      'Not enough data Carousel: Not enough data yet — about 1,000 more impressions needed.',
    ]);
    // The chart: one bar per creative, and the exact rates printed beside it ("<11" for the hidden one).
    const svg = container.querySelector('svg.recharts-surface');
    expect(svg).not.toBeNull();
    expect(container.querySelectorAll('path.recharts-rectangle')).toHaveLength(2);
    for (const text of ['Personal story', '9.0%', '5.0%', '<11']) expect(svg?.textContent).toContain(text);
    expect(
      within(screen.getByRole('region', { name: /18–24/ })).getByRole('button', { name: 'Show as table' }),
    ).toBeTruthy();
  });
});

describe('rateAxisMax', () => {
  it.each([
    [[], null, 0.06],
    [[{ rate: 0, upper: 0 }], null, 0.06],
    [[{ rate: 0.09, upper: 0.1 }], 0.066, 0.12],
    [[{ rate: 0.16, upper: 0.19 }], null, 0.2],
    [
      [
        { rate: null, upper: null },
        { rate: 0.3, upper: 0.42 },
      ],
      null,
      0.5,
    ],
    [[{ rate: 0.9, upper: 0.99 }], null, 1],
  ])('%j, average %p → %p', (bars, average, max) => {
    expect(rateAxisMax(bars, average)).toBeCloseTo(max);
  });
});
