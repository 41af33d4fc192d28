import type { BreakdownResponse, BreakdownRow } from '@resonance/contracts';
import { meta, metricSet } from '../__fixtures__/analytics';
import { toShareData } from './breakdownShares';

const S = { suppressed: true } as const;

function row(
  value: string,
  label: string,
  impressions: number | typeof S,
  reach: number | typeof S,
  share: number | typeof S | null,
): BreakdownRow {
  return {
    key: [{ dimension: 'ageBand', value, label }],
    current: metricSet({ impressions, reach }),
    shareOfTotal: { impressions: share, engagements: null, reach: share },
  };
}

function breakdown(rows: BreakdownRow[], totalImpressions: number, totalReach: number): BreakdownResponse {
  return {
    meta: meta(),
    by: ['ageBand'],
    rows,
    total: { current: metricSet({ impressions: totalImpressions, reach: totalReach }) },
    reachNote: "Rows don't add up to the total reach.",
  };
}

describe('toShareData', () => {
  const response = breakdown(
    [
      row('25-34', '25–34', 300, 200, 0.3),
      row('18-24', '18–24', 600, 500, 0.6),
      row('65+', '65+', S, S, S),
      row('13-17', '13–17', 100, 90, 0.1),
    ],
    1000,
    700,
  );

  it.each([
    ['value', ['18-24', '25-34', '13-17', '65+']],
    ['age', ['13-17', '18-24', '25-34', '65+']],
  ] as const)('orders rows by %s', (order, keys) => {
    expect(toShareData(response, 'impressions', order).items.map((i) => i.key)).toEqual(keys);
  });

  it('keeps suppressed rows as flagged gaps and the de-duplicated total', () => {
    const data = toShareData(response, 'reach');
    expect(data.items.find((i) => i.key === '65+')).toEqual({
      key: '65+',
      label: '65+',
      value: null,
      suppressed: true,
      share: null,
    });
    expect(data.total).toBe(700);
    // Reach rows add up to more than the total: a person can be in several rows.
    expect(data.items.reduce((sum, i) => sum + (i.value ?? 0), 0)).toBeGreaterThan(data.total ?? 0);
  });

  it('has no share for metrics the API gives none for', () => {
    expect(toShareData(response, 'engagementRate').items.every((i) => i.share === null)).toBe(true);
  });

  it('is empty when nothing is visible or hidden', () => {
    expect(toShareData(breakdown([row('18-24', '18–24', 0, 0, 0)], 0, 0), 'impressions').isEmpty).toBe(true);
    expect(toShareData(breakdown([row('18-24', '18–24', S, S, S)], 0, 0), 'impressions').isEmpty).toBe(false);
  });
});
