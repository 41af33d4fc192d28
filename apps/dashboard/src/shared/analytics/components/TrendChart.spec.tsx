import { render } from '@testing-library/react';
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
});
