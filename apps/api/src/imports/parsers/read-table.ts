import { ImportFileError, MAX_DATA_ROWS, tooManyRows } from './import-file-error.js';
import { readCsvRecords } from './read-csv.js';
import { readXlsxRecords } from './read-xlsx.js';
import type { Table } from './types.js';

const isBlank = (record: readonly string[]): boolean => record.every((cell) => cell.trim() === '');

function startsWith(buffer: Buffer, bytes: readonly number[]): boolean {
  return bytes.every((byte, i) => buffer[i] === byte);
}

/**
 * Reads a CSV (`,` `;` or tab) or XLSX export into a header and rows of text cells.
 * XLSX is recognised by its ZIP magic bytes, whatever the file is called.
 * Leading blank lines are dropped (the header is row 1); interior blank rows are kept so that
 * `rows[i]` is spreadsheet row `i + 2`; trailing blank rows are dropped.
 */
export async function readTable(buffer: Buffer, fileName: string): Promise<Table> {
  const isZip = startsWith(buffer, [0x50, 0x4b, 0x03, 0x04]);
  if (!isZip && startsWith(buffer, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportFileError(
      'unsupported_file',
      'Old Excel .xls files are not supported: save the file as .xlsx or CSV.',
      {
        fileName,
      },
    );
  }
  if (!isZip && /\.xlsx$/i.test(fileName) && buffer.length > 0) {
    throw new ImportFileError('unreadable_xlsx', 'The file is named .xlsx but is not an XLSX workbook.', { fileName });
  }

  // The header plus the limit, with slack for blank lines around them.
  const records = isZip ? await readXlsxRecords(buffer, MAX_DATA_ROWS + 1000) : readCsvRecords(buffer);

  let first = 0;
  while (first < records.length && isBlank(records[first] ?? [])) first += 1;
  let end = records.length;
  while (end > first && isBlank(records[end - 1] ?? [])) end -= 1;
  if (first >= end) {
    throw new ImportFileError('empty_file', 'The file is empty.', { fileName });
  }

  const headers = (records[first] ?? []).map((cell) => cell.replace(/^\uFEFF/, '').trim());
  const rows = records.slice(first + 1, end);
  if (rows.length === 0) {
    throw new ImportFileError('no_data_rows', 'The file has a header row but no data rows.', { fileName, headers });
  }
  if (rows.length > MAX_DATA_ROWS) throw tooManyRows(rows.length);
  return { headers, rows };
}
