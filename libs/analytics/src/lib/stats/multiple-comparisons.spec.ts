import { benjaminiHochberg, holmAdjust } from './multiple-comparisons.js';

describe('holmAdjust', () => {
  // By hand, Holm (1979): sort p ascending, multiply the i-th smallest by m − i + 1, take the
  // running maximum, cap at 1. Same as R p.adjust(p, "holm").
  it.each([
    // sorted 0.005·4=0.02, 0.01·3=0.03, 0.03·2=0.06, 0.04·1=0.04→max 0.06
    [
      [0.01, 0.04, 0.03, 0.005],
      [0.03, 0.06, 0.06, 0.02],
    ],
    // 0.01·3=0.03, 0.02·2=0.04, 0.03·1=0.03→0.04 (monotone)
    [
      [0.03, 0.01, 0.02],
      [0.04, 0.03, 0.04],
    ],
    // capped at 1
    [
      [0.5, 0.6],
      [1, 1],
    ],
    [[0.2], [0.2]],
    [[], []],
  ])('%j → %j (input order kept)', (p, expected) => {
    const adjusted = holmAdjust(p);
    expect(adjusted).toHaveLength(expected.length);
    adjusted.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 12));
  });

  it('never lowers a p-value and keeps the order of the raw p-values', () => {
    const p = [0.001, 0.2, 0.013, 0.04, 0.04, 0.9, 0.0004];
    const adjusted = holmAdjust(p);
    p.forEach((raw, i) => expect(adjusted[i]).toBeGreaterThanOrEqual(raw));
    for (let i = 0; i < p.length; i++) {
      for (let j = 0; j < p.length; j++) {
        if ((p[i] ?? 0) <= (p[j] ?? 0)) expect(adjusted[i]).toBeLessThanOrEqual(adjusted[j] ?? 0);
      }
    }
  });

  it('rejects values that are not probabilities', () => {
    expect(() => holmAdjust([0.1, 1.2])).toThrow(/pValues\[1\] must be in \[0, 1\]/);
  });
});

describe('benjaminiHochberg', () => {
  // Benjamini & Hochberg (1995) §4 worked example: 15 p-values, q = 0.05.
  const bh1995 = [
    0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1,
  ];

  it('rejects exactly the four smallest p-values in the 1995 worked example', () => {
    const { rejected } = benjaminiHochberg(bh1995, 0.05);
    expect(rejected).toEqual(bh1995.map((_, i) => i < 4));
  });

  it('finds more than Bonferroni (3) and Holm (3) on the same data, as the paper argues', () => {
    const bonferroni = bh1995.filter((p) => p <= 0.05 / bh1995.length).length;
    const holm = holmAdjust(bh1995).filter((p) => p <= 0.05).length;
    expect(bonferroni).toBe(3);
    expect(holm).toBe(3);
    expect(benjaminiHochberg(bh1995).rejected.filter(Boolean)).toHaveLength(4);
  });

  it('adjusted values equal R p.adjust(p, "BH"), derived by hand', () => {
    // m·p/rank, then the running minimum from the largest rank down, capped at 1; e.g. rank 6:
    // 15·0.0278/6 = 0.0695, but rank 7 gives 15·0.0298/7 = 0.063857…, so rank 6 gets 0.063857….
    const { adjusted } = benjaminiHochberg(bh1995);
    const expected = [
      0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714285714286, 0.06385714285714286, 0.0645, 0.0765, 0.486,
      0.5811818181818182, 0.714875, 0.7532307692307692, 0.8132142857142857, 1,
    ];
    adjusted.forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 10));
    // rejection by adjusted p ≤ q agrees with the step-up rule
    expect(adjusted.map((p) => p <= 0.05)).toEqual(benjaminiHochberg(bh1995).rejected);
  });

  it('keeps input order and handles ties and the empty list', () => {
    expect(benjaminiHochberg([0.04, 0.01, 0.04]).adjusted).toEqual([0.04, 0.03, 0.04]);
    expect(benjaminiHochberg([])).toEqual({ adjusted: [], rejected: [] });
  });

  it('a stricter q rejects fewer', () => {
    expect(benjaminiHochberg(bh1995, 0.01).rejected.filter(Boolean)).toHaveLength(3);
  });

  it('validates q', () => {
    expect(() => benjaminiHochberg([0.1], 0)).toThrow(/q must be in \(0, 1\)/);
  });
});
