import { normalCdf, normalQuantile } from './normal.js';

describe('normalQuantile (AS241)', () => {
  // Reference values: standard tables / R qnorm to 10 significant digits.
  it.each([
    [0.975, 1.959963985],
    [0.8, 0.8416212336],
    [0.5, 0],
    [0.995, 2.575829304],
    [0.01, -2.326347874],
    [1e-10, -6.361340902],
  ])('Φ⁻¹(%p) = %p', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 9);
  });

  it('is antisymmetric, so lower and upper critical values match', () => {
    for (const p of [0.001, 0.025, 0.2, 0.4]) expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 13);
  });

  it('returns ±Infinity at 0 and 1 and rejects probabilities outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(/p must be in \[0, 1\]/);
  });
});

describe('normalCdf', () => {
  it.each([
    [1.96, 0.9750021048517795],
    [-1, 0.15865525393145707],
    [3, 0.9986501019683699],
    [0, 0.5],
  ])('Φ(%p) = %p', (z, p) => {
    expect(normalCdf(z)).toBeCloseTo(p, 12);
  });

  it('keeps relative accuracy far in the tail, where p-values of big samples live', () => {
    expect(normalCdf(-5) / 2.866515718791933e-7).toBeCloseTo(1, 9);
    expect(normalCdf(-10) / 7.61985302416047e-24).toBeCloseTo(1, 6);
    expect(normalCdf(-40)).toBe(0);
  });

  it('round-trips with the quantile', () => {
    for (const p of [1e-8, 0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999]) {
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
    }
  });
});
