/** Why a whole file was refused (as opposed to a RowError, which rejects one row). */
export type ImportFileErrorCode =
  | 'empty_file'
  | 'no_data_rows'
  | 'too_many_rows'
  | 'unreadable_xlsx'
  | 'unreadable_csv'
  | 'unsupported_file'
  | 'unrecognised_format';

export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

export const MAX_DATA_ROWS = 200_000;

export function tooManyRows(rows: number): ImportFileError {
  const limit = MAX_DATA_ROWS.toLocaleString('en-US');
  return new ImportFileError(
    'too_many_rows',
    `The file has ${rows.toLocaleString('en-US')} data rows; the limit is ${limit} rows per import. Split it by date range and import the parts.`,
    { rows, limit: MAX_DATA_ROWS },
  );
}

/** Refused while streaming: reading stops at the first row past the limit, so the total is not known. */
export function overRowLimit(limit: number): ImportFileError {
  return new ImportFileError(
    'too_many_rows',
    `The file has more than ${limit.toLocaleString('en-US')} data rows, the limit per import; reading stopped there. Split it by date range and import the parts.`,
    { limit },
  );
}
