import ExcelJS from 'exceljs';
import { cellToString } from './cell-text.js';
import { ImportFileError, tooManyRows } from './import-file-error.js';

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
