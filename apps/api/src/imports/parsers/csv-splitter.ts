import { parse } from 'csv-parse/sync';

const OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

/**
 * Splits streamed CSV text into records, as csv-parse reads them with the options above, several
 * times faster on the lines export files are made of. A line without a quote character is one
 * record: its cells are the line split at the delimiter (a final '\r' dropped). A line with a quote
 * may open a quoted cell that runs over line ends: from it, lines are gathered until the quotes
 * balance and the block is read by csv-parse itself (one more line at a time while csv-parse says
 * a quoted cell is still open; a cell open for over `maxBlockLength` characters is csv-parse's error). Line ends are '\n' or '\r\n'; a file of bare '\r' line ends is
 * left to csv-parse by the caller (see `usesBareCarriageReturns`).
 */
export class CsvSplitter {
  private pending = '';
  /** Lines gathered from the first line with a quote, until csv-parse can read them. */
  private block: string[] = [];
  private blockQuotes = 0;
  private blockLength = 0;

  constructor(
    private readonly delimiter: string,
    private readonly maxBlockLength = 1024 * 1024,
  ) {}

  /** The complete records in `text` (with what was left over before it). */
  push(text: string): string[][] {
    const records: string[][] = [];
    const all = this.pending === '' ? text : this.pending + text;
    let start = 0;
    for (let end = all.indexOf('\n', start); end !== -1; end = all.indexOf('\n', start)) {
      this.line(all.slice(start, end), records, false);
      start = end + 1;
    }
    this.pending = all.slice(start);
    if (this.block.length > 0 && this.blockQuotes % 2 === 0) this.readBlock(records, false);
    return records;
  }

  /** The last records, at the end of the file. */
  end(): string[][] {
    const records: string[][] = [];
    if (this.pending !== '') this.line(this.pending, records, true);
    this.pending = '';
    if (this.block.length > 0) this.readBlock(records, true);
    return records;
  }

  private line(raw: string, records: string[][], last: boolean): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const quoted = line.includes('"');
    // Balanced quoted lines are read together, when a plain line follows (or the text ends).
    if (!quoted && this.block.length > 0 && this.blockQuotes % 2 === 0) this.readBlock(records, false);
    if (!quoted && this.block.length === 0) {
      records.push(line.split(this.delimiter));
      return;
    }
    // Kept with its own line end, so csv-parse sees the text as it was.
    this.block.push(last ? raw : `${raw}\n`);
    this.blockLength += raw.length + 1;
    if (quoted) for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) this.blockQuotes += 1;
    if (this.blockLength > this.maxBlockLength) this.readBlock(records, true);
  }

  /** Reads the gathered lines with csv-parse; while it finds a quoted cell still open, waits for more lines. */
  private readBlock(records: string[][], final: boolean): void {
    let read: string[][];
    try {
      read = parse(this.block.join(''), { ...OPTIONS, delimiter: this.delimiter }) as string[][];
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (!final && code === 'CSV_QUOTE_NOT_CLOSED' && this.blockLength <= this.maxBlockLength) return;
      throw error;
    }
    for (const record of read) records.push(record);
    this.block = [];
    this.blockQuotes = 0;
    this.blockLength = 0;
  }
}

/** Whether the text's first line end is a bare '\r' (old Mac files): csv-parse reads those. */
export function usesBareCarriageReturns(head: string): boolean {
  const cr = head.indexOf('\r');
  if (cr === -1) return false;
  const nl = head.indexOf('\n');
  return (nl === -1 || cr < nl) && head[cr + 1] !== '\n';
}
