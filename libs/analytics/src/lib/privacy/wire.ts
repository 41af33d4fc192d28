import { DEFAULT_SUPPRESSION_THRESHOLD, isSmallCount, validateSuppressionThreshold } from './threshold.js';

/** What a hidden count looks like on the wire (API JSON, exports): the value itself never leaves. */
export interface SuppressedCount {
  suppressed: true;
}

/** A count as sent to clients: the number, or the suppressed marker. */
export type WireCount = number | SuppressedCount;

/** True when a wire value is the suppressed marker. */
export function isSuppressed(value: WireCount | null | undefined): value is SuppressedCount {
  return typeof value === 'object' && value !== null && value.suppressed === true;
}

function suppressedMarker(): SuppressedCount {
  return { suppressed: true };
}

/**
 * Wire value of a count that stands alone (primary rule only). A count that appears in a table
 * next to a total must go through `suppressTable`/`suppressList` instead, or it could be
 * recovered by subtraction.
 */
export function toWireCount(count: number, threshold: number = DEFAULT_SUPPRESSION_THRESHOLD): WireCount {
  if (!(Number.isInteger(count) && count >= 0)) {
    throw new RangeError(`count must be an integer >= 0; got ${count}`);
  }
  return isSmallCount(count, threshold) ? suppressedMarker() : count;
}

/**
 * A rate built from counts is hidden whenever any of its counts is: the rate times a visible
 * denominator would give the hidden numerator back. Pass the wire values of the counts it uses.
 */
export function toWireRate(rate: number | null, counts: readonly WireCount[]): number | null | SuppressedCount {
  return counts.some(isSuppressed) ? suppressedMarker() : rate;
}

/** The label shown in place of a hidden count: "<11" for the default threshold. */
export function suppressedLabel(threshold: number = DEFAULT_SUPPRESSION_THRESHOLD): string {
  return `<${validateSuppressionThreshold(threshold)}`;
}

/** Text for a wire count: the formatted number, or "<threshold" when suppressed. */
export function displayCount(
  value: WireCount,
  threshold: number = DEFAULT_SUPPRESSION_THRESHOLD,
  format: (count: number) => string = String,
): string {
  return isSuppressed(value) ? suppressedLabel(threshold) : format(value);
}
