import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const WAREHOUSE_ERRORS = {
  /** A question the stored model cannot answer as asked (the fields named in details). */
  unsupported_combination: 400,
} as const;

export type WarehouseErrorCode = keyof typeof WAREHOUSE_ERRORS;

export class WarehouseError extends featureError(WAREHOUSE_ERRORS) {}
