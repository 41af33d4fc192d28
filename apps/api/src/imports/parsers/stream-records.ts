import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import { ImportFileError } from './import-file-error.js';
import { detectDelimiter } from './read-csv.js';
import { cellToString } from './cell-text.js';

/** One record of a file as text cells, with its 1-based line (CSV) or row (XLSX) number. */
export interface StreamedRecord {
  cells: string[];
  line: number;
}

type Encoding = 'utf-16le' | 'utf-8' | 'windows-1252';

const HEAD_BYTES = 64 * 1024;

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

/** The file's encoding: UTF-16 by its BOM, UTF-8 when every byte decodes, else Windows-1252 (Excel's "CSV" on Windows). */
async function detectEncoding(path: string, head: Buffer): Promise<Encoding> {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
      decoder.decode(chunk as Buffer, { stream: true });
    }
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
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

async function* csvRecords(path: string, head: Buffer, counter: ReadCounter): AsyncGenerator<StreamedRecord> {
  const encoding = await detectEncoding(path, head);
  const headText = new TextDecoder(encoding).decode(encoding === 'utf-16le' ? head.subarray(2) : head);
  const parser = parse({
    delimiter: detectDelimiter(headText.replace(/^\uFEFF/, '')),
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
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line += 1;
      yield { cells: record, line };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportFileError('unreadable_csv', `The CSV file could not be read: ${reason}`, { reason });
  } finally {
    // The reader may stop early (the row limit): stop feeding rather than read the rest.
    stopped = true;
    parser.destroy();
    await feeding;
  }
}

/** The first worksheet, row by row, without holding the workbook: exceljs' streaming reader. */
async function* xlsxRecords(path: string, counter: ReadCounter): AsyncGenerator<StreamedRecord> {
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
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        const cells = new Array<string>(Math.max(0, values.length - 1));
        for (let c = 1; c < values.length; c += 1) cells[c - 1] = cellToString(values[c]);
        yield { cells, line: row.number };
      }
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
 * Streams a CSV (`,` `;` or tab) or XLSX file's records from disk. XLSX is recognised by its ZIP
 * magic bytes, whatever the file is called. Nothing but the current chunk is held in memory.
 */
export async function* streamRecords(
  path: string,
  fileName: string,
  counter: ReadCounter = { bytes: 0 },
): AsyncGenerator<StreamedRecord> {
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
