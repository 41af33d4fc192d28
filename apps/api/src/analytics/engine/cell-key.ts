import { COUNT_METRIC_IDS, type CountMetricId } from '@resonance/contracts';
import { HmacSha256 } from '../../common/crypto/hmac-sha256.js';

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

/** The prepared HMAC of each organisation secret in use (keyed by the Buffer: one per loaded policy). */
const secretHmacs = new WeakMap<Buffer, HmacSha256>();

/** The cell's key: HMAC of its count vector in a fixed order. */
export function cellKey(secret: Buffer, vector: CellVector): Buffer {
  let hmac = secretHmacs.get(secret);
  if (!hmac) secretHmacs.set(secret, (hmac = new HmacSha256(secret)));
  return hmac.digest(COUNT_METRIC_IDS.map((id) => `${id}=${vector[id]}`).join(';'));
}

/**
 * A cell's draws: a uniform 32-bit draw for a count of `value` in the cell (the p-table turns it into
 * an adjustment), HMAC of the count under the cell's key — prepared once for the cell's several counts.
 */
export class CellDraws {
  private readonly hmac: HmacSha256;

  constructor(key: Buffer) {
    this.hmac = new HmacSha256(key);
  }

  draw(value: number): number {
    return this.hmac.uint32(`count=${value}`);
  }
}

/** One draw for a count of `value` under the cell key `key` (CellDraws, for a single count). */
export function countDraw(key: Buffer, value: number): number {
  return new CellDraws(key).draw(value);
}
