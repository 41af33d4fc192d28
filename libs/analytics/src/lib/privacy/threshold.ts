/**
 * Smallest count that may be shown. Counts of 1–10 are shown as "<11": with mental-health
 * audiences, a cell of a handful of people in a narrow segment can point at individuals.
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 11;

/**
 * Checks an organisation's threshold: an integer ≥ 11. Organisations may raise it, never lower
 * it. Returns the value so it can be used inline.
 */
export function validateSuppressionThreshold(threshold: number): number {
  if (!Number.isInteger(threshold) || threshold < DEFAULT_SUPPRESSION_THRESHOLD) {
    throw new RangeError(
      `threshold must be an integer >= ${DEFAULT_SUPPRESSION_THRESHOLD} (it may be raised, never lowered); got ${threshold}`,
    );
  }
  return threshold;
}

/**
 * Primary suppression rule: a count of 1 … threshold − 1 is hidden.
 * 0 stays visible: it describes nobody, and hiding zeros would force far more complementary
 * suppression (every zero would need a partner) while protecting no one.
 */
export function isSmallCount(count: number, threshold: number = DEFAULT_SUPPRESSION_THRESHOLD): boolean {
  validateSuppressionThreshold(threshold);
  return count >= 1 && count < threshold;
}
