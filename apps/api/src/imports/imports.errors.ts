import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const IMPORTS_ERRORS = {
  file_missing: 400,
  file_too_large: 413,
  upload_failed: 400,
  unknown_campaign: 422,
  import_not_found: 404,
  empty_file: 422,
  no_data_rows: 422,
  too_many_rows: 413,
  unreadable_xlsx: 422,
  unreadable_csv: 422,
  unsupported_file: 422,
  unrecognised_format: 422,
} as const;

export type ImportsErrorCode = keyof typeof IMPORTS_ERRORS;

export class ImportsError extends featureError(IMPORTS_ERRORS) {}
