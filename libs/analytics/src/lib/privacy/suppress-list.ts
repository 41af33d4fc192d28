import { suppressTable, type SuppressionReason } from './suppress-table.js';
import type { WireCount } from './wire.js';

/** A one-dimensional breakdown (e.g. impressions by age band) with an optional published total. */
export interface SuppressListInput {
  counts: readonly number[];
  total?: number;
  /** Defaults to 11; must be an integer ≥ 11. */
  threshold?: number;
}

export interface SuppressListResult {
  threshold: number;
  values: WireCount[];
  /** Present when a total was given. */
  total?: WireCount;
  reasons: (SuppressionReason | null)[];
  totalReason?: SuppressionReason | null;
}

/**
 * Suppression for a list: the same rules as `suppressTable` on a one-row table whose row total
 * is the list total. With a visible total, a single hidden count always gets a partner; without
 * a total only the primary rule applies, since there is nothing to subtract from.
 */
export function suppressList(input: SuppressListInput): SuppressListResult {
  const table = suppressTable({
    cells: [input.counts],
    ...(input.total !== undefined ? { rowTotals: [input.total] } : {}),
    ...(input.threshold !== undefined ? { threshold: input.threshold } : {}),
  });
  const result: SuppressListResult = {
    threshold: table.threshold,
    values: table.values.cells[0] ?? [],
    reasons: table.reasons.cells[0] ?? [],
  };
  if (input.total !== undefined) {
    result.total = table.values.rowTotals?.[0] ?? { suppressed: true };
    result.totalReason = table.reasons.rowTotals?.[0] ?? null;
  }
  return result;
}
