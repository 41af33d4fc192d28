import { jest } from '@jest/globals';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { cell, creative, matrix } from '../../../shared/analytics/__fixtures__/analytics';
import { queryOf, serverDownloads } from '../../../shared/analytics/__fixtures__/serverExports';
import { toSegmentPanels } from '../../../shared/analytics/utils/matrix';
import { CreativesComparePage } from './CreativesComparePage';
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

  it('states the verdict and each creative in words, with the hidden cell as "hidden"', () => {
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
    // The chart: one bar per creative, and the exact rates printed beside it ("hidden" for the hidden one:
    // "<11" beside percentages would read as under 11%).
    const svg = container.querySelector('svg.recharts-surface');
    expect(svg).not.toBeNull();
    expect(container.querySelectorAll('path.recharts-rectangle')).toHaveLength(2);
    for (const text of ['Personal story', '9.0%', '5.0%', 'hidden']) expect(svg?.textContent).toContain(text);
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

describe('a segment panel downloads', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    jest.restoreAllMocks();
  });

  it("CSV and XLSX of its own panel from /exports/compare, with the page's matrix query and panel=<segment>", async () => {
    const response = matrix({
      creatives: [creative('a', 'Personal story'), creative('b', 'Expert interview')],
      segments: [
        {
          segment: { id: 'preset:young-adults', name: 'Young adults 18–24', isPreset: true },
          impressions: 9000,
          engagements: 600,
          engagementRate: 0.066,
          leaderCreativeId: null,
        },
        {
          segment: { id: 'preset:adults', name: 'Adults 25–54', isPreset: true },
          impressions: 9000,
          engagements: 600,
          engagementRate: 0.066,
          leaderCreativeId: null,
        },
      ],
      cells: [
        cell('a', 'preset:young-adults', { engagementRate: 0.07 }),
        cell('b', 'preset:young-adults', { engagementRate: 0.06 }),
        cell('a', 'preset:adults', { engagementRate: 0.07 }),
        cell('b', 'preset:adults', { engagementRate: 0.06 }),
      ],
    });
    const { urls, requested } = await serverDownloads(
      <MemoryRouter
        initialEntries={[
          '/creatives?from=2026-05-01&to=2026-05-31&campaign=c1&seg=preset:young-adults&seg=preset:adults',
        ]}
      >
        <CreativesComparePage />
      </MemoryRouter>,
      { '/analytics/creatives': response },
      /^Adults 25–54/,
      () =>
        fireEvent.click(
          within(screen.getByRole('region', { name: /^Adults 25–54/ })).getByRole('button', { name: 'Show as table' }),
        ),
    );
    expect(urls.map((u) => u.pathname)).toEqual(['/api/v1/exports/compare.csv', '/api/v1/exports/compare.xlsx']);
    const screenQuery = queryOf(requested.find((u) => u.pathname === '/api/v1/analytics/creatives')!);
    expect(screenQuery).toEqual({
      from: '2026-05-01',
      to: '2026-05-31',
      campaign: 'c1',
      segment: ['preset:young-adults', 'preset:adults'],
    });
    for (const url of urls) expect(queryOf(url)).toEqual({ ...screenQuery, panel: 'preset:adults' });
  });
});
