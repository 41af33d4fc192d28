import { wilsonInterval } from './wilson.js';

describe('wilsonInterval', () => {
  // Newcombe (1998) Stat Med 17:857–872, Table I, method 3 (score, no continuity correction).
  // Recomputed independently (scipy) before asserting: 0.255289–0.366210, 0.062386–0.160487,
  // 0–0.161125, 0.006113–0.171755.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → %p–%p (Newcombe 1998, Table I)', (s, n, lower, upper) => {
    const ci = wilsonInterval(s, n);
    expect(ci.estimate).toBeCloseTo(s / n, 12);
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  it('stays inside [0, 1] and is exactly 1 at the top when every trial succeeded', () => {
    const ci = wilsonInterval(29, 29);
    expect(ci.upper).toBe(1);
    expect(ci.lower).toBeCloseTo(0.88303, 5);
  });

  it('narrows when the confidence level is lowered and widens when raised', () => {
    const ci90 = wilsonInterval(81, 263, 0.9);
    const ci95 = wilsonInterval(81, 263);
    const ci99 = wilsonInterval(81, 263, 0.99);
    expect(ci90.upper! - ci90.lower!).toBeLessThan(ci95.upper! - ci95.lower!);
    expect(ci99.upper! - ci99.lower!).toBeGreaterThan(ci95.upper! - ci95.lower!);
  });

  it('returns nulls, not NaN, when there are no trials', () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: null, lower: null, upper: null });
  });

  it.each([
    [5, 3, 0.95, /successes must be in \[0, trials=3\]/],
    [-1, 3, 0.95, /successes must be an integer >= 0/],
    [1.5, 3, 0.95, /successes must be an integer/],
    [1, 3, 1, /confidence must be in \(0, 1\)/],
  ])('rejects successes=%p trials=%p confidence=%p', (s, n, c, message) => {
    expect(() => wilsonInterval(s, n, c)).toThrow(RangeError);
    expect(() => wilsonInterval(s, n, c)).toThrow(message);
  });
});
