import { createHmac } from 'node:crypto';
import { COUNT_METRIC_IDS, type CountMetricId } from '@resonance/contracts';

/**
 * Keys for cell-key perturbation (see @resonance/analytics perturbCount and the analytics README).
 *
 * A cell's key depends only on what is in the cell, never on how the question was phrased: it is
 * an HMAC, under a per-organisation secret, of the cell's exact count vector (every count metric).
 * The same records give the same vector, so the same adjustments in a summary, a breakdown row, a
 * timeseries total, a segment, an export or a planning figure; asking again cannot average them
 * away. Reach is not in the vector (it is exact on one path and estimated or not derivable on
 * others, which would give the same records several keys); it is adjusted under the same key.
 * Each count's adjustment is a further HMAC of the key and the count's *value*, not the metric's
 * name: two metrics of one cell that are equal (engagements = clicks when clicks are the only
 * engagements; reach = impressions) then read the same, rather than being two independent noisy
 * copies of one number that an attacker could intersect.
 */

export type CellVector = Readonly<Record<CountMetricId, number>>;

/** The cell's key: HMAC of its count vector in a fixed order. */
export function cellKey(secret: Buffer, vector: CellVector): Buffer {
  return createHmac('sha256', secret)
    .update(COUNT_METRIC_IDS.map((id) => `${id}=${vector[id]}`).join(';'), 'utf8')
    .digest();
}

/** A uniform 32-bit draw for a count of `value` in the cell (the p-table turns it into an adjustment). */
export function countDraw(key: Buffer, value: number): number {
  return createHmac('sha256', key).update(`count=${value}`, 'utf8').digest().readUInt32BE(0);
}
