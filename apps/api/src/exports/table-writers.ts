import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { neutralizeFormula } from '@resonance/analytics';
import ExcelJS from 'exceljs';
import type { ExportCell, ExportColumn, ExportTable } from './export-table.js';

function isSuppressed(cell: ExportCell): cell is { suppressed: true } {
  return typeof cell === 'object' && cell !== null && 'suppressed' in cell;
}

/** A CSV cell: numbers as numbers, text with formulas defused (names come from users and platform files). */
function csvText(cell: ExportCell | undefined, suppressedLabel: string): string | number {
  if (cell === undefined || cell === null) return '';
  if (isSuppressed(cell)) return suppressedLabel;
  return typeof cell === 'string' ? neutralizeFormula(cell) : cell;
}

/**
 * CSV: the data first (one header row, one column per dimension and metric), then an empty row
 * and the notes, so a spreadsheet opens the table as is and a reader finds what it means.
 * Written row by row with backpressure; nothing is capped.
 */
export async function writeCsv(table: ExportTable, out: Writable): Promise<void> {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    csv.on('error', reject);
  });
  csv.pipe(out);
  const write = async (record: (string | number)[]): Promise<void> => {
    if (!csv.write(record)) await new Promise((r) => csv.once('drain', r));
  };
  await write(table.columns.map((c) => neutralizeFormula(c.header)));
  for (const row of table.rows) await write(table.columns.map((c) => csvText(row[c.key], table.suppressedLabel)));
  await write([]);
  await write(['Notes', neutralizeFormula(table.title)]);
  for (const note of table.notes) await write([neutralizeFormula(note.label), neutralizeFormula(note.value)]);
  csv.end();
  await done;
}

/**
 * Number formats by column kind. The cells hold the same numbers as the CSV (8.27 for 8.27 %), so a
 * percentage is never scaled by Excel's % format; the header names the unit.
 */
const XLSX_FORMATS: Record<ExportColumn['kind'], Partial<ExcelJS.Style>> = {
  text: {},
  count: { numFmt: '#,##0' },
  money: { numFmt: '#,##0.00' },
  percent: { numFmt: '0.00' },
  points: { numFmt: '+0.00;-0.00;0.00' },
  decimal: { numFmt: 'General' },
  mixed: { numFmt: 'General' },
};

/** XLSX (exceljs streaming writer): a Data sheet and a Notes sheet, the same columns and numbers as the CSV. */
export async function writeXlsx(table: ExportTable, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = 'Resonance';
  const data = workbook.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = table.columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: Math.max(12, Math.min(40, c.header.length + 2)),
    style: XLSX_FORMATS[c.kind],
  }));
  data.getRow(1).font = { bold: true };
  data.getRow(1).commit();
  for (const row of table.rows) {
    const values: Record<string, string | number | null> = {};
    for (const c of table.columns) {
      const cell = row[c.key];
      values[c.key] = cell === undefined || cell === null ? null : isSuppressed(cell) ? table.suppressedLabel : cell;
    }
    data.addRow(values).commit();
  }
  data.commit();
  const notes = workbook.addWorksheet('Notes');
  notes.columns = [
    { header: 'Note', key: 'label', width: 28 },
    { header: table.title, key: 'value', width: 100 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const note of table.notes) notes.addRow(note).commit();
  notes.commit();
  await workbook.commit();
}
