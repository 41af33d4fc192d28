import { detectFormatDefinition, RECOGNISED_FORMATS, type Detection } from './detect-format.js';
import { ImportFileError, overRowLimit } from './import-file-error.js';
import { detectDateOrder, SLASH_PARTS } from './parse-date.js';
import { isBlank, isFooter, parseRow } from './parse-export.js';
import { RowReader } from './row-reader.js';
import type { StreamedRecord } from './stream-records.js';
import type { DateOrder, DetectedFormat, ParsedRow, ParseOptions, RowError } from './types.js';

export interface ParsedBatch {
  rows: ParsedRow[];
  errors: RowError[];
  /** Data rows in this batch: accepted plus rejected (blank and footer rows are not counted). */
  rowsRead: number;
}

export type StreamEvent = ({ kind: 'format' } & DetectedFormat) | ({ kind: 'batch' } & ParsedBatch);

/** Rows held back until the day/month order of slash dates is known (ISO dates decide nothing). */
const DATE_ORDER_WINDOW = 5_000;

/**
 * Parses a stream of records incrementally: the header decides the format (announced first), then
 * rows come in batches. Slash dates are read day-first or month-first as decided by the first
 * rows (up to DATE_ORDER_WINDOW) unless `options.dateOrder` says. Stops with `too_many_rows` at
 * the first data row past `maxRows`, without reading the rest of the file.
 */
export async function* parseStream(
  bunches: AsyncIterable<readonly StreamedRecord[]>,
  options: ParseOptions & { maxRows: number; batchSize: number },
): AsyncGenerator<StreamEvent> {
  let detection: Detection | null = null;
  let headerLine = 0;
  let dateIndexes: number[] = [];
  let dateOrder: DateOrder | undefined = options.dateOrder;
  let held: { cells: string[]; rowNumber: number }[] = [];
  let batch: ParsedBatch = { rows: [], errors: [], rowsRead: 0 };
  let dataRows = 0;

  const parseInto = (cells: string[], rowNumber: number, order: DateOrder): void => {
    if (!detection) return;
    const reader = new RowReader(cells, detection.columns, rowNumber, order);
    const row = parseRow(reader, detection, options);
    if (row) batch.rows.push(row);
    if (reader.errors.length > 0) batch.errors.push(...reader.errors);
    batch.rowsRead += 1;
  };
  const flush = (): ParsedBatch => {
    const out = batch;
    batch = { rows: [], errors: [], rowsRead: 0 };
    return out;
  };

  for await (const bunch of bunches)
    for (const { cells, line } of bunch) {
      if (!detection) {
        if (isBlank(cells)) continue;
        const headers = cells.map((cell) => cell.replace(/^\uFEFF/, '').trim());
        detection = detectFormatDefinition(headers);
        if (!detection) {
          throw new ImportFileError('unrecognised_format', "The file's columns do not match an export we recognise.", {
            headers,
            recognisedFormats: RECOGNISED_FORMATS,
          });
        }
        headerLine = line;
        const { columns } = detection;
        dateIndexes = detection.definition.dateFields.flatMap((field) => columns.get(field)?.indexes ?? []);
        yield { kind: 'format', format: detection.format, mapping: detection.mapping, ignored: detection.ignored };
        continue;
      }
      if (isBlank(cells) || isFooter(cells)) continue;
      dataRows += 1;
      if (dataRows > options.maxRows) throw overRowLimit(options.maxRows);
      // Row numbers as a spreadsheet shows them, counting from the header as row 1.
      const rowNumber = line - headerLine + 1;
      if (dateOrder === undefined) {
        held.push({ cells, rowNumber });
        const decisive = dateIndexes.some((i) => isDecisive(cells[i] ?? ''));
        if (!decisive && held.length < DATE_ORDER_WINDOW) continue;
        dateOrder = detectDateOrder(held.flatMap((h) => dateIndexes.map((i) => h.cells[i] ?? '')));
        for (const h of held) parseInto(h.cells, h.rowNumber, dateOrder);
        held = [];
      } else {
        parseInto(cells, rowNumber, dateOrder);
      }
      if (batch.rowsRead >= options.batchSize) yield { kind: 'batch', ...flush() };
    }

  if (!detection) throw new ImportFileError('empty_file', 'The file is empty.');
  if (held.length > 0) {
    const order = detectDateOrder(held.flatMap((h) => dateIndexes.map((i) => h.cells[i] ?? '')));
    for (const h of held) parseInto(h.cells, h.rowNumber, order);
  }
  if (dataRows === 0) {
    throw new ImportFileError('no_data_rows', 'The file has a header row but no data rows.', {
      headers: Object.values(detection.mapping),
    });
  }
  if (batch.rowsRead > 0) yield { kind: 'batch', ...flush() };
}

/** A slash date with a part over 12 settles the order; until one is seen every date could be either. */
function isDecisive(value: string): boolean {
  const m = SLASH_PARTS.exec(value);
  return m !== null && (Number(m[1]) > 12 || Number(m[2]) > 12);
}
