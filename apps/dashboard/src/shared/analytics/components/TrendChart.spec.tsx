import { render } from '@testing-library/react';
import { placeAnnotations } from '../../annotations/placeAnnotations';
import type { TrendPoint } from '../utils/trend';
import { TrendChart } from './TrendChart';

function point(i: number, current: number, previous: number | null): TrendPoint {
  const day = String(i + 1).padStart(2, '0');
  return {
    bucket: `2026-05-${day}`,
    previousBucket: previous === null ? null : `2026-04-${day}`,
    current,
    previous,
    currentSuppressed: false,
    previousSuppressed: false,
  };
}

describe('TrendChart', () => {
  it.each([
    ['with a comparison', true, 2, 'This period', 'previous period'],
    ['without', false, 1, 'This period', null],
  ])('draws the current line with points %s', (_name, hasComparison, lines, current, comparison) => {
    const points = [point(0, 100, 80), point(1, 140, 90), point(2, 120, 85)];
    const { container } = render(
      <TrendChart
        points={points}
        hasComparison={hasComparison}
        metricLabel="Impressions"
        kind="count"
        currentLabel={current}
        comparisonLabel="previous period"
        threshold={11}
        width={600}
        height={280}
        animate={false}
      />,
    );
    const curves = container.querySelectorAll('path.recharts-line-curve');
    expect(curves).toHaveLength(lines);
    expect(curves[curves.length - 1]?.getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+/);
    expect(container.querySelectorAll('.recharts-line-dots circle').length).toBe(3);
    if (comparison) expect(container.querySelector('path.recharts-line-curve[stroke-dasharray="6 4"]')).not.toBeNull();
    expect(container.textContent).toContain('This period');
  });

  it('marks a one-day note as a line and an observance window as an area, numbered and named', () => {
    const points = Array.from({ length: 10 }, (_, i) => point(i, 100 + i, null));
    const annotations = placeAnnotations(
      [
        {
          id: 'month',
          kind: 'observance',
          startsOn: '2026-05-01',
          endsOn: '2026-05-31',
          text: 'Mental Health Awareness Month',
          campaign: null,
          observance: { id: 'o', slug: 'mental-health-awareness-month' },
          createdBy: null,
          updatedAt: null,
        },
        {
          id: 'press',
          kind: 'note',
          startsOn: '2026-05-04',
          endsOn: '2026-05-04',
          text: 'Press coverage',
          campaign: null,
          observance: null,
          createdBy: 'u1',
          updatedAt: '2026-05-04T10:00:00Z',
        },
      ],
      points.map((p) => p.bucket),
      { from: '2026-05-01', to: '2026-05-10' },
    );
    const { container } = render(
      <TrendChart
        points={points}
        hasComparison={false}
        metricLabel="Impressions"
        kind="count"
        currentLabel="This period"
        comparisonLabel="previous period"
        threshold={11}
        width={600}
        height={280}
        animate={false}
        annotations={annotations}
      />,
    );
    expect(container.querySelectorAll('.recharts-reference-area')).toHaveLength(1);
    expect(container.querySelectorAll('.recharts-reference-line')).toHaveLength(1);
    const named = [...container.querySelectorAll('[aria-label]')].map((el) => el.getAttribute('aria-label'));
    expect(named).toContain('1: Mental Health Awareness Month, 1 May 2026 – 31 May 2026 (observance)');
    expect(named).toContain('2: Press coverage, 4 May 2026');
    // The marks carry the list's numbers.
    const labels = [...container.querySelectorAll('.recharts-label')].map((t) => t.textContent);
    expect(labels.sort()).toEqual(['1', '2']);
  });
});
