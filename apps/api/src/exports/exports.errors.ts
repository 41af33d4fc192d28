import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const EXPORTS_ERRORS = {
  unknown_export: 404,
  missing_parameter: 400,
  unsupported_parameter: 400,
  invalid_parameter: 400,
} as const;

export type ExportsErrorCode = keyof typeof EXPORTS_ERRORS;

export class ExportsError extends featureError(EXPORTS_ERRORS) {}
