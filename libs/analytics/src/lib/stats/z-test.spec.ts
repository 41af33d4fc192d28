import { twoProportionZTest } from './z-test.js';

describe('twoProportionZTest', () => {
  // Reference: the uncorrected 2×2 chi-square (scipy chi2_contingency(correction=False),
  // R prop.test(correct = FALSE)) gives χ² = 22.58805, p = 2.0073e-6 for 81/263 vs 15/148; z² = χ².
  it('matches the uncorrected chi-square test on Newcombe’s example', () => {
    const { z, pValue } = twoProportionZTest(81, 263, 15, 148);
    expect(z * z).toBeCloseTo(22.58804834, 6);
    expect(z).toBeGreaterThan(0); // arm 1 has the higher rate
    expect(pValue / 2.0072944202557e-6).toBeCloseTo(1, 6);
  });

  it('hand-computed case: 120/1000 vs 100/1000 is not significant at 5 %', () => {
    // pooled p = 0.11, SE = √(0.11·0.89·2/1000) = 0.013993, z = 0.02/0.013993 = 1.4293
    const { z, pValue } = twoProportionZTest(120, 1000, 100, 1000);
    expect(z).toBeCloseTo(1.4293008, 6);
    expect(pValue).toBeCloseTo(0.1529178, 6);
  });

  it('is antisymmetric in the arms and the p-value does not depend on order', () => {
    const ab = twoProportionZTest(30, 400, 45, 410);
    const ba = twoProportionZTest(45, 410, 30, 400);
    expect(ba.z).toBeCloseTo(-ab.z, 12);
    expect(ba.pValue).toBeCloseTo(ab.pValue, 12);
  });

  it('reports no evidence (z 0, p 1) when both arms are all-zero or all-success', () => {
    expect(twoProportionZTest(0, 50, 0, 80)).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(50, 50, 80, 80)).toEqual({ z: 0, pValue: 1 });
  });

  it('rejects empty arms and impossible counts', () => {
    expect(() => twoProportionZTest(0, 0, 1, 10)).toThrow(RangeError);
    expect(() => twoProportionZTest(11, 10, 1, 10)).toThrow(/x1 must be in \[0, n1=10\]/);
  });
});
