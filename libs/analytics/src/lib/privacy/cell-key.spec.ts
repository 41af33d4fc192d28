import {
  CELL_KEY_MAX_PERTURBATION,
  CELL_KEY_P_TABLE,
  cellKeyAdjustment,
  cellKeyNote,
  countsConsistentWith,
  perturbCount,
} from './cell-key.js';

const U32 = 2 ** 32;
/** The smallest draw that selects the row whose cumulative weight starts at `perMille`. */
const drawAt = (perMille: number): number => Math.ceil((perMille / 1000) * U32);

describe('cell-key p-table', () => {
  it('sums to 1,000 per mille, is symmetric (zero mean) and bounded by ±5', () => {
    expect(CELL_KEY_P_TABLE.reduce((s, r) => s + r.perMille, 0)).toBe(1000);
    const mean = CELL_KEY_P_TABLE.reduce((s, r) => s + r.adjustment * r.perMille, 0) / 1000;
    expect(mean).toBe(0);
    for (const row of CELL_KEY_P_TABLE) {
      const mirror = CELL_KEY_P_TABLE.find((r) => r.adjustment === -row.adjustment);
      expect(mirror?.perMille).toBe(row.perMille);
      expect(Math.abs(row.adjustment)).toBeLessThanOrEqual(CELL_KEY_MAX_PERTURBATION);
    }
    const variance = CELL_KEY_P_TABLE.reduce((s, r) => s + r.adjustment ** 2 * r.perMille, 0) / 1000;
    expect(Math.sqrt(variance)).toBeCloseTo(1.379, 3);
  });

  it.each([
    [0, -5],
    [drawAt(2) - 1, -5],
    [drawAt(2), -4],
    [drawAt(8), -3],
    [drawAt(33), -2],
    [drawAt(123), -1],
    [drawAt(343), 0],
    [drawAt(657) - 1, 0],
    [drawAt(657), 1],
    [drawAt(877), 2],
    [drawAt(967), 3],
    [drawAt(992), 4],
    [drawAt(998), 5],
    [U32 - 1, 5],
  ])('draw %d selects adjustment %d', (draw, adjustment) => {
    expect(cellKeyAdjustment(draw)).toBe(adjustment);
  });

  it('follows the p-table over evenly spread draws', () => {
    const counts = new Map<number, number>();
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const a = cellKeyAdjustment(Math.floor(((i + 0.5) / n) * U32));
      counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    for (const row of CELL_KEY_P_TABLE) expect(counts.get(row.adjustment)).toBe(row.perMille * 100);
  });

  it.each([-1, 1.5, U32, Number.NaN])('refuses draw %p', (draw) => {
    expect(() => cellKeyAdjustment(draw)).toThrow(RangeError);
  });
});

describe('perturbCount', () => {
  const zeroDraw = drawAt(500);
  const minus5 = 0;
  const plus5 = U32 - 1;
  it.each([
    // count, draw, threshold, published
    [0, plus5, 11, 0],
    [1, zeroDraw, 11, { suppressed: true }],
    [10, plus5, 11, { suppressed: true }],
    [11, zeroDraw, 11, 11],
    [11, minus5, 11, 11],
    [14, minus5, 11, 11],
    [16, minus5, 11, 11],
    [17, minus5, 11, 12],
    [11, plus5, 11, 16],
    [24, zeroDraw, 11, 24],
    [24, drawAt(657), 11, 25],
    [10_000, minus5, 11, 9_995],
    [19, zeroDraw, 20, { suppressed: true }],
    [20, minus5, 20, 20],
  ])('count %d with draw %d, threshold %d → %p', (count, draw, threshold, published) => {
    expect(perturbCount(count, draw, threshold)).toEqual(published);
  });

  it('refuses negative or fractional counts and thresholds below 11', () => {
    expect(() => perturbCount(-1, 0, 11)).toThrow(RangeError);
    expect(() => perturbCount(2.5, 0, 11)).toThrow(RangeError);
    expect(() => perturbCount(20, 0, 10)).toThrow(RangeError);
  });
});

describe('countsConsistentWith', () => {
  it.each([
    [0, 11, 0, 0],
    [11, 11, 11, 16],
    [14, 11, 11, 19],
    [24, 11, 19, 29],
    [9_995, 11, 9_990, 10_000],
  ])('published %d (threshold %d) leaves true counts %d … %d', (published, threshold, min, max) => {
    expect(countsConsistentWith(published, threshold)).toEqual({ min, max });
  });

  it('always contains the true count', () => {
    for (let count = 11; count < 200; count++) {
      for (const draw of [0, drawAt(343), U32 - 1]) {
        const published = perturbCount(count, draw, 11) as number;
        const range = countsConsistentWith(published, 11);
        expect(count).toBeGreaterThanOrEqual(range.min);
        expect(count).toBeLessThanOrEqual(range.max);
      }
    }
  });
});

describe('cellKeyNote', () => {
  it('states the threshold, the bound and what happens to large figures', () => {
    const note = cellKeyNote(11);
    expect(note).toContain('Counts of 1 to 10 are shown as <11');
    expect(note).toContain('between −5 and +5');
    expect(note).toContain('never below 11');
    expect(note).toContain('negligible');
  });
});
