import { computeMetrics } from '@resonance/analytics';
import type { MetricSet } from '@resonance/contracts';
import { metricDeltas, shareOfTotal, suppressCells, suppressStandalone, type CellFigures } from './suppression.js';

const cell = (impressions: number, likes = 0, reach: number | null = 0): CellFigures => ({
  counts: computeMetrics({ impression: impressions, like: likes }),
  reach,
});
const S = { suppressed: true } as const;

/** What an attacker can work out from one published list: total − visible siblings. */
function recoverBySubtraction(values: MetricSet['impressions'][], total: number): number | null {
  const hidden = values.filter((v) => typeof v !== 'number');
  const visible = values.filter((v): v is number => typeof v === 'number');
  return hidden.length === 1 ? total - visible.reduce((s, v) => s + v, 0) : null;
}

describe('suppressCells', () => {
  it('hides a small cell and a partner so the total gives nothing back', () => {
    const cells = [cell(150), cell(224), cell(8)];
    const out = suppressCells({ cells, total: cell(382), threshold: 11 });
    const impressions = out.cells.map((c) => c.impressions);
    expect(impressions).toEqual([S, 224, S]);
    expect(out.total?.impressions).toBe(382);
    expect(recoverBySubtraction(impressions, 382)).toBeNull();
  });

  it('without complementary suppression the attack would work (the test is real)', () => {
    expect(recoverBySubtraction([150, 224, S], 382)).toBe(8);
  });

  it('hides the rates built on a hidden count', () => {
    const [row] = suppressCells({ cells: [cell(500, 5)], total: null, threshold: 11 }).cells;
    expect(row?.engagements).toEqual(S);
    expect(row?.engagementRate).toEqual(S);
    expect(row?.impressions).toBe(500);
  });

  it('applies a raised threshold', () => {
    expect(suppressStandalone(cell(15), 20).impressions).toEqual(S);
    expect(suppressStandalone(cell(15), 11).impressions).toBe(15);
  });

  it('keeps reach null where it is not derivable', () => {
    const out = suppressCells({ cells: [cell(100, 0, null)], total: cell(100, 0, null), threshold: 11 });
    expect(out.cells[0]?.reach).toBeNull();
    expect(out.total?.reach).toBeNull();
  });

  it('protects a two-dimensional breakdown against its row and column margins', () => {
    // 2 × 2 table: (a,x)=5 is small. Margins (asked for separately as 1-D breakdowns) must not recover it.
    const cells = [cell(5), cell(100), cell(200), cell(300)];
    const grid = {
      rows: 2,
      columns: 2,
      at: [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ] as const,
    };
    const out = suppressCells({ cells, total: cell(605), threshold: 11, grid });
    const hidden = out.cells.map((c) => typeof c.impressions !== 'number');
    // Row a: 105 (from a 1-D breakdown) − visible → needs (a,y) hidden; column x: 205 − … → (b,x) hidden; then (b,y).
    expect(hidden).toEqual([true, true, true, true]);
  });
});

describe('metricDeltas', () => {
  const base = suppressStandalone(cell(200, 40, 30), 11);
  it.each([
    ['impressions', 300, 100, 0.5],
    ['engagements', 60, 20, 0.5],
  ] as const)('%s: %d vs %d', (metric, current, absolute, relative) => {
    const now = suppressStandalone(
      cell(metric === 'impressions' ? current : 200, metric === 'engagements' ? current : 40, 30),
      11,
    );
    expect(metricDeltas(now, base)[metric]).toEqual({ absolute, relative });
  });

  it('relative is null where the base is 0, and rates compare as differences of fractions', () => {
    const zero = suppressStandalone(cell(0, 0, 0), 11);
    const d = metricDeltas(base, zero);
    expect(d.impressions).toEqual({ absolute: 200, relative: null });
    expect(d.engagementRate).toEqual({ absolute: null, relative: null }); // no rate without impressions
  });

  it('is suppressed when either side is', () => {
    const small = suppressStandalone(cell(200, 5, 30), 11);
    expect(metricDeltas(small, base).engagements).toEqual({ absolute: S, relative: S });
  });

  it('share of total hides a share built on a hidden count', () => {
    const total = suppressStandalone(cell(400, 40, 50), 11);
    expect(shareOfTotal(suppressStandalone(cell(5, 0, 0), 11), total).impressions).toEqual(S);
    expect(shareOfTotal(base, total).impressions).toBe(0.5);
  });
});
