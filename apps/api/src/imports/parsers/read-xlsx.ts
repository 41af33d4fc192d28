import ExcelJS from 'exceljs';
import { ImportFileError, tooManyRows } from './import-file-error.js';

/** Cell values as text: numbers unformatted, dates as ISO dates (ISO datetimes when they carry a time). */
export function cellToString(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateToIso(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : '';
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date))
      ? ''
      : cellToString(result);
  }
  // An error cell (#N/A, #REF!…) carries no figure.
  return '';
}

function dateToIso(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  // exceljs reads spreadsheet dates as UTC; a midnight value is a plain date.
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** Reads the first worksheet into raw records. `maxRecords` bounds the work before any cell is converted. */
export async function readXlsxRecords(buffer: Buffer, maxRecords: number): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; JSZip underneath reads a Node Buffer.
    await workbook.xlsx.load(buffer as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportFileError(
      'unreadable_xlsx',
      'The XLSX file could not be opened; it may be damaged or password-protected.',
      {
        reason,
      },
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  if (sheet.rowCount > maxRecords) {
    throw tooManyRows(sheet.rowCount - 1);
  }
  const width = sheet.columnCount;
  const records: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c += 1) cells.push(cellToString(row.getCell(c).value));
    records.push(cells);
  }
  return records;
}
