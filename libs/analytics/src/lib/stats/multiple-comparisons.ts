import { assertClosedInterval, assertOpenInterval } from './validate.js';

function checkPValues(pValues: readonly number[]): void {
  pValues.forEach((p, i) => assertClosedInterval(`pValues[${i}]`, p, 0, 1));
}

/** Indices of `values` sorted by value ascending (stable, so ties keep input order). */
function ascendingOrder(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0) || a - b);
}

/**
 * Holm (1979) step-down adjustment, identical to R's `p.adjust(p, "holm")`.
 * With p sorted ascending, adjusted p_(i) = max_{j≤i} min(1, (m − j + 1)·p_(j)); the running max
 * keeps the adjusted values monotone. Returned in input order. Controls the family-wise error rate.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  checkPValues(pValues);
  const m = pValues.length;
  const adjusted = new Array<number>(m).fill(1);
  let runningMax = 0;
  ascendingOrder(pValues).forEach((index, rank) => {
    const p = pValues[index] ?? 1;
    runningMax = Math.max(runningMax, Math.min(1, (m - rank) * p));
    adjusted[index] = runningMax;
  });
  return adjusted;
}

export interface BenjaminiHochbergResult {
  /** BH-adjusted p-values (R's `p.adjust(p, "BH")`), input order. */
  adjusted: number[];
  /** Whether each hypothesis is rejected at false discovery rate q. */
  rejected: boolean[];
}

/**
 * Benjamini–Hochberg (1995) step-up procedure. Controls the false discovery rate at q, which
 * is less conservative than Holm when many creatives × segments are shown on one view.
 * Adjusted p_(i) = min_{j≥i} min(1, m·p_(j)/j); p_(1..k) are rejected for the largest k with
 * p_(k) ≤ k·q/m (equivalently: adjusted ≤ q).
 */
export function benjaminiHochberg(pValues: readonly number[], q = 0.05): BenjaminiHochbergResult {
  checkPValues(pValues);
  assertOpenInterval('q', q, 0, 1);
  const m = pValues.length;
  const adjusted = new Array<number>(m).fill(1);
  const order = ascendingOrder(pValues);
  let runningMin = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const index = order[rank] ?? 0;
    const p = pValues[index] ?? 1;
    runningMin = Math.min(runningMin, (m * p) / (rank + 1));
    adjusted[index] = runningMin;
  }
  // Step-up rule straight from the paper: the largest rank k with p_(k) ≤ k·q/m, reject 1..k.
  let cutoff = -1;
  order.forEach((index, rank) => {
    if ((pValues[index] ?? 1) <= ((rank + 1) * q) / m) cutoff = rank;
  });
  const rejected = new Array<boolean>(m).fill(false);
  for (let rank = 0; rank <= cutoff; rank++) rejected[order[rank] ?? 0] = true;
  return { adjusted, rejected };
}
