import { CELL_KEY_MAX_PERTURBATION, computeMetrics, perturbCount } from '@resonance/analytics';
import { COUNT_METRIC_IDS, type MetricSet } from '@resonance/contracts';
import { cellKeySecret } from '../../warehouse/read/disclosure.js';
import { cellKey, countDraw } from './cell-key.js';
import {
  metricDeltas,
  shareOfTotal,
  suppressCells,
  suppressStandalone,
  suppressionInfo,
  type CellFigures,
  type DisclosurePolicy,
} from './suppression.js';

const secret = cellKeySecret(Buffer.alloc(32, 7));
const P11: DisclosurePolicy = { threshold: 11, cellKeySecret: secret };
const P20: DisclosurePolicy = { threshold: 20, cellKeySecret: secret };

const cell = (impressions: number, likes = 0, reach: number | null = 0): CellFigures => ({
  counts: computeMetrics({ impression: impressions, like: likes }),
  reach,
});
const S = { suppressed: true } as const;

/** What the rule publishes for `value` in a cell with these exact counts (independently recomputed). */
function pub(figures: CellFigures, value: number, threshold = 11): number | typeof S {
  const vector = Object.fromEntries(COUNT_METRIC_IDS.map((id) => [id, figures.counts[id]])) as Record<
    (typeof COUNT_METRIC_IDS)[number],
    number
  >;
  return perturbCount(value, countDraw(cellKey(secret, vector), value), threshold) as number | typeof S;
}

/** What an attacker can work out from one published list: total − visible siblings. */
function recoverBySubtraction(values: MetricSet['impressions'][], total: number): number | null {
  const hidden = values.filter((v) => typeof v !== 'number');
  const visible = values.filter((v): v is number => typeof v === 'number');
  return hidden.length === 1 ? total - visible.reduce((s, v) => s + v, 0) : null;
}

describe('suppressCells', () => {
  it('hides a small cell and a partner so the total gives nothing back', () => {
    const cells = [cell(150), cell(224), cell(8)];
    const out = suppressCells({ cells, total: cell(382), policy: P11 });
    const impressions = out.cells.map((c) => c.impressions);
    expect(impressions).toEqual([S, pub(cell(224), 224), S]);
    expect(out.total?.impressions).toBe(pub(cell(382), 382));
    expect(recoverBySubtraction(impressions, 382)).toBeNull();
  });

  it('without complementary suppression the attack would work (the test is real)', () => {
    expect(recoverBySubtraction([150, 224, S], 382)).toBe(8);
  });

  it('hides the rates built on a hidden count', () => {
    const [row] = suppressCells({ cells: [cell(500, 5)], total: null, policy: P11 }).cells;
    expect(row?.engagements).toEqual(S);
    expect(row?.engagementRate).toEqual(S);
    expect(row?.impressions).toBe(pub(cell(500, 5), 500));
  });

  it('applies a raised threshold', () => {
    expect(suppressStandalone(cell(15), P20).impressions).toEqual(S);
    expect(suppressStandalone(cell(15), P11).impressions).toBe(pub(cell(15), 15));
  });

  it('keeps reach null where it is not derivable', () => {
    const out = suppressCells({ cells: [cell(100, 0, null)], total: cell(100, 0, null), policy: P11 });
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
    const out = suppressCells({ cells, total: cell(605), policy: P11, grid });
    const hidden = out.cells.map((c) => typeof c.impressions !== 'number');
    // Row a: 105 (from a 1-D breakdown) − visible → needs (a,y) hidden; column x: 205 − … → (b,x) hidden; then (b,y).
    expect(hidden).toEqual([true, true, true, true]);
  });
});

describe('cell-key perturbation in suppressCells', () => {
  it('adjusts every visible count by at most the bound, never below the threshold, and keeps zeros', () => {
    for (let n = 11; n < 400; n += 7) {
      const set = suppressStandalone(cell(n, n * 2, n + 1), P11);
      for (const [value, truth] of [
        [set.impressions, n],
        [set.engagements, n * 2],
        [set.reach, n + 1],
      ] as const) {
        expect(typeof value).toBe('number');
        expect(Math.abs((value as number) - truth)).toBeLessThanOrEqual(CELL_KEY_MAX_PERTURBATION);
        expect(value as number).toBeGreaterThanOrEqual(11);
      }
      expect(set.clicks).toBe(0);
    }
  });

  it('publishes the same figure for the same records wherever they appear (standalone, in a list, as a total)', () => {
    const figures = cell(240, 31, 90);
    const alone = suppressStandalone(figures, P11);
    const inList = suppressCells({ cells: [cell(500), figures], total: cell(740, 31, 95), policy: P11 }).cells[1];
    const asTotal = suppressCells({ cells: [cell(120, 15, 50), cell(120, 16, 40)], total: figures, policy: P11 }).total;
    expect(inList).toEqual(alone);
    expect(asTotal).toEqual(alone);
    expect(suppressStandalone(figures, P11)).toEqual(alone);
  });

  it('gives equal counts of one cell the same published value (no two noisy copies of one number)', () => {
    const set = suppressStandalone({ counts: computeMetrics({ impression: 300, click: 45 }), reach: 45 }, P11);
    expect(set.engagements).toEqual(set.clicks);
    expect(set.reach).toEqual(set.clicks);
  });

  it('varies with the organisation secret and computes rates from the published counts', () => {
    const figures = cell(1000, 120);
    const others = Array.from({ length: 8 }, (_, i) =>
      suppressStandalone(figures, { threshold: 11, cellKeySecret: cellKeySecret(Buffer.alloc(32, i)) }),
    );
    expect(new Set(others.map((o) => `${String(o.impressions)}/${String(o.engagements)}`)).size).toBeGreaterThan(1);
    for (const o of others) expect(o.engagementRate).toBe((o.engagements as number) / (o.impressions as number));
  });

  it('states the method, bound and threshold in meta.suppression', () => {
    expect(suppressionInfo(11)).toMatchObject({ threshold: 11, label: '<11', method: 'cell-key perturbation' });
    expect(suppressionInfo(11).maxPerturbation).toBe(CELL_KEY_MAX_PERTURBATION);
    expect(suppressionInfo(11).note).toContain('cannot reveal a hidden count exactly');
  });
});

describe('metricDeltas', () => {
  const baseCell = cell(200, 40, 30);
  const base = suppressStandalone(baseCell, P11);
  it.each([
    ['impressions', 300],
    ['engagements', 60],
  ] as const)('%s: %d vs the base, from the published figures', (metric, current) => {
    const nowCell = cell(metric === 'impressions' ? current : 200, metric === 'engagements' ? current : 40, 30);
    const now = suppressStandalone(nowCell, P11);
    const a = pub(nowCell, current) as number;
    const b = pub(baseCell, metric === 'impressions' ? 200 : 40) as number;
    expect(metricDeltas(now, base)[metric]).toEqual({ absolute: a - b, relative: (a - b) / b });
  });

  it('relative is null where the base is 0, and rates compare as differences of fractions', () => {
    const zero = suppressStandalone(cell(0, 0, 0), P11);
    const d = metricDeltas(base, zero);
    expect(d.impressions).toEqual({ absolute: pub(baseCell, 200), relative: null });
    expect(d.engagementRate).toEqual({ absolute: null, relative: null }); // no rate without impressions
  });

  it('is suppressed when either side is', () => {
    const small = suppressStandalone(cell(200, 5, 30), P11);
    expect(metricDeltas(small, base).engagements).toEqual({ absolute: S, relative: S });
  });

  it('share of total hides a share built on a hidden count', () => {
    const totalCell = cell(400, 40, 50);
    const total = suppressStandalone(totalCell, P11);
    expect(shareOfTotal(suppressStandalone(cell(5, 0, 0), P11), total).impressions).toEqual(S);
    expect(shareOfTotal(base, total).impressions).toBe(
      (pub(baseCell, 200) as number) / (pub(totalCell, 400) as number),
    );
  });
});
