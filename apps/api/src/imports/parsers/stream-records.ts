import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { ImportFileError } from './import-file-error.js';
import { detectDelimiter } from './read-csv.js';
import { cellToString } from './cell-text.js';
import { CsvSplitter, usesBareCarriageReturns } from './csv-splitter.js';

/** One record of a file as text cells, with its 1-based line (CSV) or row (XLSX) number. */
export interface StreamedRecord {
  cells: string[];
  line: number;
}

type Encoding = 'utf-16le' | 'utf-8' | 'windows-1252';

const HEAD_BYTES = 64 * 1024;
/** Records handed on together: the async hand-over costs more than parsing a short record. */
const RECORDS_PER_BUNCH = 256;

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const startsWith = (buffer: Buffer, bytes: readonly number[]): boolean => bytes.every((b, i) => buffer[i] === b);

/** Where `buffer` ends in the middle of a UTF-8 sequence (its length when it doesn't). */
function completeUtf8Length(buffer: Buffer): number {
  for (let i = buffer.length - 1; i >= Math.max(0, buffer.length - 4); i -= 1) {
    const byte = buffer[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    if (byte < 0xc0) return buffer.length;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return buffer.length - i < needed ? i : buffer.length;
  }
  return buffer.length;
}

/**
 * The file's encoding: UTF-16 by its BOM, UTF-8 when every byte decodes, else Windows-1252 (Excel's
 * "CSV" on Windows). The check is node's native UTF-8 validation, a small fraction of the parse.
 */
async function detectEncoding(path: string, head: Buffer): Promise<Encoding> {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const end = completeUtf8Length(bytes);
    if (!isUtf8(bytes.subarray(0, end))) return 'windows-1252';
    carry = Buffer.from(bytes.subarray(end));
  }
  return carry.length === 0 || isUtf8(carry) ? 'utf-8' : 'windows-1252';
}

/** Bytes of the file read so far: the import's progress. */
export interface ReadCounter {
  bytes: number;
}

async function* decodeStream(path: string, encoding: Encoding, counter: ReadCounter): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
    counter.bytes += (chunk as Buffer).length;
    let text = decoder.decode(chunk as Buffer, { stream: true });
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }
    if (text.includes('\u0000')) {
      throw new ImportFileError('unsupported_file', 'The file is not a CSV or XLSX file (it contains binary data).');
    }
    yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

function unreadable(error: unknown): ImportFileError {
  if (error instanceof ImportFileError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new ImportFileError('unreadable_csv', `The CSV file could not be read: ${reason}`, { reason });
}

/** CSV records by CsvSplitter: the text as it is read, the records of each chunk together. */
async function* splitRecords(
  path: string,
  encoding: Encoding,
  delimiter: string,
  counter: ReadCounter,
): AsyncGenerator<StreamedRecord[]> {
  const splitter = new CsvSplitter(delimiter);
  let line = 0;
  const numbered = (records: string[][]): StreamedRecord[] => records.map((cells) => ({ cells, line: (line += 1) }));
  let records: string[][];
  for await (const text of decodeStream(path, encoding, counter)) {
    try {
      records = splitter.push(text);
    } catch (error) {
      throw unreadable(error);
    }
    if (records.length > 0) yield numbered(records);
  }
  try {
    records = splitter.end();
  } catch (error) {
    throw unreadable(error);
  }
  if (records.length > 0) yield numbered(records);
}

/** CSV records by csv-parse's stream: files whose lines end in a bare '\r'. */
async function* csvRecords(path: string, head: Buffer, counter: ReadCounter): AsyncGenerator<StreamedRecord[]> {
  const encoding = await detectEncoding(path, head);
  const headText = new TextDecoder(encoding).decode(encoding === 'utf-16le' ? head.subarray(2) : head);
  const delimiter = detectDelimiter(headText.replace(/^\uFEFF/, ''));
  if (!usesBareCarriageReturns(headText)) {
    yield* splitRecords(path, encoding, delimiter, counter);
    return;
  }
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  const source = decodeStream(path, encoding, counter);
  let stopped = false;
  // Feed the parser as it is read; a decoding error (binary data) ends the parse with that error.
  const feeding = (async () => {
    try {
      for await (const text of source) {
        if (stopped) return;
        if (!parser.write(text)) {
          await new Promise<void>((resolve) => {
            const resume = (): void => {
              parser.off('drain', resume);
              parser.off('close', resume);
              resolve();
            };
            parser.on('drain', resume);
            parser.on('close', resume);
          });
        }
      }
      parser.end();
    } catch (error) {
      parser.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
  // The parser's records, taken in bunches: one await per bunch rather than per record.
  let bunch: string[][] = [];
  const bunches = parser.pipe(
    new Transform({
      objectMode: true,
      transform(record: string[], _encoding, done) {
        bunch.push(record);
        if (bunch.length >= RECORDS_PER_BUNCH) {
          this.push(bunch);
          bunch = [];
        }
        done();
      },
      flush(done) {
        if (bunch.length > 0) this.push(bunch);
        done();
      },
    }),
  );
  parser.on('error', (error) => bunches.destroy(error));
  let line = 0;
  try {
    for await (const records of bunches as AsyncIterable<string[][]>) {
      const out = new Array<StreamedRecord>(records.length);
      for (let i = 0; i < records.length; i += 1) {
        line += 1;
        out[i] = { cells: records[i] ?? [], line };
      }
      yield out;
    }
  } catch (error) {
    throw unreadable(error);
  } finally {
    // The reader may stop early (the row limit): stop feeding rather than read the rest.
    stopped = true;
    bunches.destroy();
    parser.destroy();
    await feeding;
  }
}

/** The first worksheet, row by row, without holding the workbook: exceljs' streaming reader. */
async function* xlsxRecords(path: string, counter: ReadCounter): AsyncGenerator<StreamedRecord[]> {
  // Loaded only for XLSX files: exceljs is large, and most imports are CSV.
  const { default: excel } = await import('exceljs');
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  // Counts bytes as exceljs pulls them, without switching the file stream to flowing mode early.
  const counted = input.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        counter.bytes += chunk.length;
        done(null, chunk);
      },
    }),
  );
  const reader = new excel.stream.xlsx.WorkbookReader(counted, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      let bunch: StreamedRecord[] = [];
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        const cells = new Array<string>(Math.max(0, values.length - 1));
        for (let c = 1; c < values.length; c += 1) cells[c - 1] = cellToString(values[c]);
        bunch.push({ cells, line: row.number });
        if (bunch.length >= RECORDS_PER_BUNCH) {
          yield bunch;
          bunch = [];
        }
      }
      if (bunch.length > 0) yield bunch;
      // The first worksheet only, as the whole-file reader did.
      return;
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportFileError(
      'unreadable_xlsx',
      'The XLSX file could not be opened; it may be damaged or password-protected.',
      { reason },
    );
  } finally {
    // Stops the unzip once we stop reading (first sheet done, or the row limit reached).
    input.destroy();
    counted.destroy();
  }
}

/**
 * Streams a CSV (`,` `;` or tab) or XLSX file's records from disk, in file order, a bunch at a
 * time. XLSX is recognised by its ZIP magic bytes, whatever the file is called. Nothing but the
 * current chunk is held in memory.
 */
export async function* streamRecords(
  path: string,
  fileName: string,
  counter: ReadCounter = { bytes: 0 },
): AsyncGenerator<StreamedRecord[]> {
  const head = await readHead(path);
  const isZip = startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
  if (!isZip && startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new ImportFileError(
      'unsupported_file',
      'Old Excel .xls files are not supported: save the file as .xlsx or CSV.',
      {
        fileName,
      },
    );
  }
  if (!isZip && /\.xlsx$/i.test(fileName) && head.length > 0) {
    throw new ImportFileError('unreadable_xlsx', 'The file is named .xlsx but is not an XLSX workbook.', { fileName });
  }
  if (isZip) yield* xlsxRecords(path, counter);
  else yield* csvRecords(path, head, counter);
}
