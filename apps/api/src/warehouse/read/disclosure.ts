import { createHmac } from 'node:crypto';

/**
 * What an organisation's figures are published under: read with its settings here, applied to every
 * count that leaves the server by analytics/engine/suppression.ts (threshold, then cell-key perturbation).
 */
export interface DisclosurePolicy {
  threshold: number;
  /** The organisation's cell-key secret (cellKeySecret below); never logged or sent. */
  cellKeySecret: Buffer;
}

/** The organisation's cell-key secret: derived from its member-key secret for this one purpose. */
export function cellKeySecret(memberKeySecret: Buffer): Buffer {
  return createHmac('sha256', memberKeySecret).update('resonance/cell-key/v1', 'utf8').digest();
}
