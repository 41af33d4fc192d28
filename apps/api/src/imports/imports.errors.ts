import { AppError } from '../common/errors/app-error.js';

export type ImportsErrorCode =
  | 'file_missing'
  | 'file_too_large'
  | 'upload_failed'
  | 'unknown_campaign'
  | 'import_not_found'
  | 'empty_file'
  | 'no_data_rows'
  | 'too_many_rows'
  | 'unreadable_xlsx'
  | 'unreadable_csv'
  | 'unsupported_file'
  | 'unrecognised_format';

export class ImportsError extends AppError<ImportsErrorCode> {}
