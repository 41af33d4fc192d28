import { isSmallCount, validateSuppressionThreshold } from './threshold.js';
import type { WireCount } from './wire.js';

/**
 * Cell-key perturbation (the method statistics offices use for user-built tables, e.g. ABS
 * TableBuilder, ONS 2021 Census): every published count gets a small, bounded, deterministic
 * adjustment drawn from a published table of probabilities (the "p-table"), chosen by a key
 * derived from what is in the cell. The same records always get the same adjustment, so asking
 * again (or rephrasing the question) never averages it away, and a difference of two published
 * figures is off by up to twice the bound — it no longer gives a hidden cell back.
 *
 * This file is the pure part: the p-table and how a uniform 32-bit draw picks an adjustment.
 * The key itself (a keyed hash of the cell's figures) is computed by the server, which holds the
 * secret.
 */

/** Largest adjustment, up or down, of any published count. */
export const CELL_KEY_MAX_PERTURBATION = 5;

/**
 * Weights (per 1,000) of the adjustments −5 … +5. Symmetric, so the adjustment averages zero;
 * concentrated near zero (standard deviation ≈ 1.38) and thin at the bound (0.2 % each side), so
 * the rare pair of figures at opposite extremes that would narrow a difference is rarer still.
 */
export const CELL_KEY_P_TABLE: readonly { adjustment: number; perMille: number }[] = [
  { adjustment: -5, perMille: 2 },
  { adjustment: -4, perMille: 6 },
  { adjustment: -3, perMille: 25 },
  { adjustment: -2, perMille: 90 },
  { adjustment: -1, perMille: 220 },
  { adjustment: 0, perMille: 314 },
  { adjustment: 1, perMille: 220 },
  { adjustment: 2, perMille: 90 },
  { adjustment: 3, perMille: 25 },
  { adjustment: 4, perMille: 6 },
  { adjustment: 5, perMille: 2 },
];

const UINT32_RANGE = 2 ** 32;

/** The adjustment a uniform 32-bit draw selects from the p-table. */
export function cellKeyAdjustment(draw: number): number {
  if (!(Number.isInteger(draw) && draw >= 0 && draw < UINT32_RANGE)) {
    throw new RangeError(`draw must be an unsigned 32-bit integer; got ${draw}`);
  }
  const position = (draw / UINT32_RANGE) * 1000;
  let cumulative = 0;
  for (const row of CELL_KEY_P_TABLE) {
    cumulative += row.perMille;
    if (position < cumulative) return row.adjustment;
  }
  return CELL_KEY_MAX_PERTURBATION;
}

/**
 * The published form of a count that suppression left visible: 0 stays 0 (it describes nobody),
 * 1 … threshold − 1 is hidden, anything else is the count plus its adjustment, never shown below
 * the threshold (so a visible figure never looks like a hidden one).
 */
export function perturbCount(count: number, draw: number, threshold: number): WireCount {
  if (!(Number.isInteger(count) && count >= 0)) {
    throw new RangeError(`count must be an integer >= 0; got ${count}`);
  }
  validateSuppressionThreshold(threshold);
  if (count === 0) return 0;
  if (isSmallCount(count, threshold)) return { suppressed: true };
  return Math.max(threshold, count + cellKeyAdjustment(draw));
}

/**
 * The true counts an attacker who knows the method cannot rule out, given one published value:
 * [published − bound, published + bound], at least the threshold (a visible count was never
 * small), widened down to the threshold when the published value sits on it (it may have been
 * raised to it).
 */
export function countsConsistentWith(published: number, threshold: number): { min: number; max: number } {
  if (published === 0) return { min: 0, max: 0 };
  return {
    min: Math.max(threshold, published - CELL_KEY_MAX_PERTURBATION),
    max: published + CELL_KEY_MAX_PERTURBATION,
  };
}

/** The note every answer and export carries (meta.suppression.note). */
export function cellKeyNote(threshold: number): string {
  validateSuppressionThreshold(threshold);
  const bound = CELL_KEY_MAX_PERTURBATION;
  return (
    `Counts of 1 to ${threshold - 1} are shown as <${threshold}, and so are rates built on them; where a hidden count ` +
    'could be worked out from a total and its neighbours in the same answer, enough neighbours are hidden too. ' +
    `Every other count (cells, totals, time buckets, reach, exported and planning figures) is adjusted by a small ` +
    `amount between −${bound} and +${bound} (cell-key perturbation, as statistics offices use for user-built tables): ` +
    'the amount is fixed by the records in the cell, so the same figure always reads the same, and subtracting ' +
    'one figure from another — across filters, periods, segments or exports — cannot reveal a hidden count exactly. ' +
    `Published counts are never below ${threshold}. Rates and intervals are computed from the published counts. ` +
    'Rows may therefore not add up to their total by a few; on large figures the effect is negligible ' +
    `(at most ±${bound} on any count, e.g. ±0.05 % of 10,000).`
  );
}
