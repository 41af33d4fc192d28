import { COST_METRIC_DEFINITIONS, COST_METRIC_IDS, costPer, microsToAmount } from './cost.js';

describe('cost metrics', () => {
  it('defines every cost metric once, each cost stating its denominator', () => {
    expect(Object.keys(COST_METRIC_DEFINITIONS).sort()).toEqual([...COST_METRIC_IDS].sort());
    for (const id of COST_METRIC_IDS) {
      const def = COST_METRIC_DEFINITIONS[id];
      expect(def.id).toBe(id);
      if (id === 'spend') expect(def.denominator).toBeNull();
      else {
        expect(def.denominator).not.toBeNull();
        expect(def.additive).toBe(false);
      }
    }
  });

  it('computes CPM and cost per click from millionths without rounding drift', () => {
    // 12.34 spent over 4,000 impressions: 12.34 / 4000 * 1000 = 3.085
    expect(costPer(12_340_000, 4000, 1000)).toBeCloseTo(3.085, 12);
    // 0.10 per click: 1.00 / 10
    expect(costPer(1_000_000, 10)).toBeCloseTo(0.1, 12);
    expect(microsToAmount(1_690_000)).toBe(1.69);
  });

  it('has no cost without a denominator, and refuses negative input', () => {
    expect(costPer(5_000_000, 0)).toBeNull();
    expect(() => costPer(-1, 3)).toThrow(RangeError);
    expect(() => costPer(1, Number.NaN)).toThrow(RangeError);
  });
});
