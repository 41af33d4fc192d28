import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { parseExport } from './parse-export.js';
import { readTable } from './read-table.js';
import type { EventType, ParseOptions, ParseResult, ParsedRow } from './types.js';

/** apps/api/test/fixtures/exports: the platform samples every importer must read (copied from the design's samples). */
export const EXPORTS_DIR = fileURLToPath(new URL('../../../test/fixtures/exports/', import.meta.url));
/** apps/api/test/fixtures/imports: hand-written variants. */
export const VARIANTS_DIR = fileURLToPath(new URL('../../../test/fixtures/imports/', import.meta.url));

export const exportFile = (name: string): Buffer => readFileSync(`${EXPORTS_DIR}${name}`);
export const variantFile = (name: string): Buffer => readFileSync(`${VARIANTS_DIR}${name}`);

export async function parseFile(buffer: Buffer, fileName: string, options: ParseOptions = {}): Promise<ParseResult> {
  return parseExport(await readTable(buffer, fileName), options);
}

export function sumOf(rows: readonly ParsedRow[], type: EventType): number {
  return rows.reduce((total, row) => total + (row.counts[type] ?? 0), 0);
}

/**
 * A deliberately separate, minimal CSV reader (quotes and doubled quotes only) so fixture totals
 * are not checked with the code under test.
 */
export function naiveCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells: string[] = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i += 1) {
        const char = line[i];
        if (char === '"' && quoted && line[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else if (char === '"') quoted = !quoted;
        else if (char === ',' && !quoted) {
          cells.push(cell);
          cell = '';
        } else cell += char;
      }
      cells.push(cell);
      return cells;
    });
}

/** Writes cells as CSV, quoting only where needed. */
export function toCsv(records: readonly (readonly string[])[], delimiter = ',', eol = '\n'): string {
  const quote = (cell: string): string =>
    cell.includes(delimiter) || cell.includes('"') || /[\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  return records.map((record) => record.map(quote).join(delimiter)).join(eol) + eol;
}

/** A one-sheet workbook built with exceljs, as Excel would save it. */
export async function toXlsx(
  records: readonly (readonly ExcelJS.CellValue[])[],
  sheetName = 'Export',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const record of records) sheet.addRow([...record]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
