import { parse } from 'csv-parse/sync';
import { ImportFileError } from './import-file-error.js';

const CANDIDATE_DELIMITERS = [',', ';', '\t'] as const;

/**
 * Decodes bytes to text: UTF-16 when the file says so (Excel's "Unicode text"), UTF-8 otherwise,
 * falling back to Windows-1252 for files Excel saved as "CSV" on Windows.
 */
export function decodeText(buffer: Buffer): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    return new TextDecoder('windows-1252').decode(buffer);
  }
}

/** The delimiter that occurs most often outside quotes on the first non-blank line; ',' on a tie. */
export function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
  const counts = new Map<string, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [delimiter, count] of counts) {
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** Parses CSV/TSV text into raw records; blank lines stay as records so row numbers match a spreadsheet. */
export function readCsvRecords(buffer: Buffer): string[][] {
  const text = decodeText(buffer).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) {
    throw new ImportFileError('unsupported_file', 'The file is not a CSV or XLSX file (it contains binary data).');
  }
  try {
    return parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportFileError('unreadable_csv', `The CSV file could not be read: ${reason}`, { reason });
  }
}
