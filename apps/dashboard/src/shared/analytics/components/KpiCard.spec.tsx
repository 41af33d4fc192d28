import { render, screen } from '@testing-library/react';
import { deltas, meta, metricSet } from '../__fixtures__/analytics';
import { toKpis } from '../utils/kpis';
import { KpiCard } from './KpiCard';

const S = { suppressed: true } as const;

describe('KpiCard', () => {
  const kpis = toKpis({
    meta: meta(),
    spend: [],
    current: metricSet({ impressions: 24_496, reach: 10_242, engagements: S, engagementRate: S, resourceClicks: 177 }),
    comparison: metricSet({ impressions: 20_000, reach: 9_000, engagements: S, engagementRate: S, resourceClicks: 0 }),
    deltas: deltas({
      impressions: { absolute: 4_496, relative: 0.2248 },
      reach: { absolute: 1_242, relative: 0.138 },
      engagements: { absolute: S, relative: S },
      engagementRate: { absolute: S, relative: S },
      resourceClicks: { absolute: 177, relative: null },
    }),
  });

  it.each([
    ['impressions', '24,496', '▲ +22.5% vs previous period'],
    ['reach', '10,242', '▲ +13.8% vs previous period'],
    ['engagements', '<11', '<11 (hidden) vs previous period'],
    ['resourceClicks', '177', 'No figures in the previous period to compare with.'],
  ])('%s shows %s and "%s"', (id, value, delta) => {
    const kpi = kpis.find((k) => k.id === id)!;
    render(<KpiCard kpi={kpi} comparisonLabel="previous period" threshold={11} />);
    const card = screen.getByTestId(`kpi-${id}`);
    expect(card.querySelector('.kpi-card__value')?.textContent).toBe(value);
    expect(card.querySelector('.kpi-card__delta')?.textContent).toBe(delta);
  });

  it('explains a hidden figure and that reach is de-duplicated', () => {
    render(<KpiCard kpi={kpis.find((k) => k.id === 'engagements')!} comparisonLabel={null} threshold={11} />);
    expect(screen.getByText('<11').getAttribute('title')).toMatch(/Fewer than 11 people/);
    render(<KpiCard kpi={kpis.find((k) => k.id === 'reach')!} comparisonLabel={null} threshold={11} />);
    expect(screen.getByText(/de-duplicated — not a sum/)).toBeTruthy();
  });
});
