import { normalCdf } from './normal.js';
import { probabilityToBeBest, type ArmCounts } from './probability-to-be-best.js';
import { logBeta } from './special-functions.js';

/**
 * Evan Miller's closed form for two Beta posteriors, in log space:
 * P(B > A) = Σ_{i=0}^{α_B−1} B(α_A+i, β_A+β_B) / ((β_B+i)·B(1+i, β_B)·B(α_A, β_A)).
 */
function exactBBeatsA(a: ArmCounts, b: ArmCounts): number {
  const [aA, bA] = [1 + a.successes, 1 + a.trials - a.successes];
  const [aB, bB] = [1 + b.successes, 1 + b.trials - b.successes];
  let sum = 0;
  for (let i = 0; i < aB; i++) {
    sum += Math.exp(logBeta(aA + i, bA + bB) - Math.log(bB + i) - logBeta(1 + i, bB) - logBeta(aA, bA));
  }
  return sum;
}

const arm = (successes: number, trials: number): ArmCounts => ({ successes, trials });

describe('probabilityToBeBest', () => {
  it.each([
    [arm(1, 10), arm(3, 12)],
    [arm(0, 5), arm(0, 50)],
    [arm(10, 10), arm(5, 10)],
    [arm(100, 1000), arm(120, 1000)],
    [arm(0, 0), arm(2, 3)],
    [arm(1000, 100_000), arm(1100, 100_000)],
    [arm(400, 80_000), arm(51, 10_000)],
  ])('two arms %j vs %j agree with the exact closed form to 1e-7', (a, b) => {
    const [pA, pB] = probabilityToBeBest([a, b]);
    const exact = exactBBeatsA(a, b);
    expect(Math.abs((pB ?? 0) - exact)).toBeLessThan(1e-7);
    expect(Math.abs((pA ?? 0) - (1 - exact))).toBeLessThan(1e-7);
  });

  it('stays accurate at 10^7 impressions per arm (exact formula itself is good to ~1e-7 there)', () => {
    const a = arm(100_000, 10_000_000);
    const b = arm(100_500, 10_000_000);
    const [, pB] = probabilityToBeBest([a, b]);
    expect(Math.abs((pB ?? 0) - exactBBeatsA(a, b))).toBeLessThan(1e-6);
    expect(pB).toBeCloseTo(0.869127, 5);
  });

  it('agrees with the normal approximation when samples are large', () => {
    // Posteriors are near-normal here; the difference is driven by skewness, well below 1e-3.
    const a = arm(20_000, 1_000_000);
    const b = arm(20_250, 1_000_000);
    const moments = ({ successes: s, trials: n }: ArmCounts): [number, number] => {
      const [al, be] = [1 + s, 1 + n - s];
      return [al / (al + be), (al * be) / ((al + be) ** 2 * (al + be + 1))];
    };
    const [mA, vA] = moments(a);
    const [mB, vB] = moments(b);
    const normal = normalCdf((mB - mA) / Math.sqrt(vA + vB));
    expect(Math.abs((probabilityToBeBest([a, b])[1] ?? 0) - normal)).toBeLessThan(1e-3);
  });

  it.each([2, 3, 5, 20])('identical arms (%i of them) each get 1/k', (k) => {
    const result = probabilityToBeBest(Array.from({ length: k }, () => arm(37, 500)));
    result.forEach((p) => expect(p).toBeCloseTo(1 / k, 12));
  });

  // Speed is a benchmark's business, not a test's: this checks the large-arm path's answers only.
  it('sums to 1 and ranks arms by rate for 20 arms with 10^7 trials each', () => {
    const arms = Array.from({ length: 20 }, (_, i) => arm(100_000 + 100 * i, 10_000_000));
    const result = probabilityToBeBest(arms);
    expect(result.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    for (let i = 1; i < result.length; i++) expect(result[i]).toBeGreaterThan(result[i - 1] ?? 1);
  });

  it('mixes tiny and huge arms: an untested creative keeps a real chance of being best', () => {
    const result = probabilityToBeBest([arm(0, 0), arm(50_000, 10_000_000), arm(3, 10)]);
    expect(result.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    // A uniform prior puts ~99.5 % of its mass above a 0.5 % rate; the best of the two others wins.
    expect(result[0]).toBeGreaterThan(0.3);
    expect(result[1]).toBeLessThan(1e-6);
    const exactUntestedVsThird = exactBBeatsA(arm(3, 10), arm(0, 0));
    expect(Math.abs((result[0] ?? 0) - exactUntestedVsThird)).toBeLessThan(1e-6);
  });

  it('handles zero and one arm', () => {
    expect(probabilityToBeBest([])).toEqual([]);
    expect(probabilityToBeBest([arm(3, 10)])).toEqual([1]);
  });

  it('rejects impossible counts', () => {
    expect(() => probabilityToBeBest([arm(3, 2), arm(1, 2)])).toThrow(/arms\[0\]\.successes must be in/);
  });
});
