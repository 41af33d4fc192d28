export { DEFAULT_SUPPRESSION_THRESHOLD, validateSuppressionThreshold, isSmallCount } from './threshold.js';
export { isSuppressed, toWireCount, toWireRate, suppressedLabel, displayCount } from './wire.js';
export type { SuppressedCount, WireCount } from './wire.js';
export { suppressTable } from './suppress-table.js';
export type {
  SuppressTableInput,
  SuppressTableResult,
  SuppressionReason,
  TableLocation,
  TableShape,
} from './suppress-table.js';
export { suppressList } from './suppress-list.js';
export type { SuppressListInput, SuppressListResult } from './suppress-list.js';
export {
  CELL_KEY_MAX_PERTURBATION,
  CELL_KEY_P_TABLE,
  cellKeyAdjustment,
  cellKeyNote,
  countsConsistentWith,
  perturbCount,
} from './cell-key.js';
