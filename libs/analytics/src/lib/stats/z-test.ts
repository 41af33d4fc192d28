import { normalCdf } from './normal.js';
import { assertCounts } from './validate.js';

export interface ZTestResult {
  /** Positive when arm 1's rate is higher than arm 2's. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
}

/**
 * Two-sided two-proportion z-test with the pooled standard error (equivalent to the
 * uncorrected 2×2 chi-square test: z² = χ²).
 * When the pooled rate is 0 or 1 both arms are identical and there is no evidence of a
 * difference, so the result is z = 0, p = 1 rather than NaN.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTestResult {
  assertCounts('x1', x1, 'n1', n1);
  assertCounts('x2', x2, 'n2', n2);
  if (n1 === 0 || n2 === 0) throw new RangeError('n1 and n2 must be integers >= 1');
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, pValue: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}
