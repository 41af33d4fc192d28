/**
 * Cuts an NDJSON byte stream into chunks of whole lines without decoding them: the lines are split,
 * decoded and parsed where the chunk is prepared (an ingest thread, `forEachNdjsonLine`), so the thread
 * that serves requests only looks for newlines and copies bytes. `\n` never occurs inside a multi-byte
 * UTF-8 sequence, so cutting bytes before decoding is safe. At most one line (`maxLineBytes`) of a chunk
 * not yet taken is kept beyond the stream's own chunks: a longer line is refused as it arrives, not
 * buffered, and stands in its chunk as an empty line so the lines after it keep their numbers.
 */
import { isAscii } from 'node:buffer';

const NEWLINE = Uint8Array.of(10);

export class NdjsonChunker {
  /** Whole lines not yet taken: subarrays of the stream's chunks (a stream's chunks are its reader's). */
  private whole: Uint8Array[] = [];
  private wholeBytes = 0;
  /** The line still being read (at most `maxLineBytes`). */
  private partial: Uint8Array[] = [];
  private partialBytes = 0;
  private overlong = false;
  /** Lines ended so far (the number of the last one). */
  private ended = 0;
  /** The number of the first line not yet taken. */
  private firstUntaken = 1;
  /** Lines not yet taken that are not blank (nor refused), and the number of the last one. */
  private rows = 0;
  private lastRow = 0;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onOverlong: (lineNo: number) => void,
  ) {}

  /** Lines ended and not yet taken that are not blank (rows to parse). */
  get pendingRows(): number {
    return this.rows;
  }

  /** Bytes of the lines ended and not yet taken. */
  get pendingBytes(): number {
    return this.wholeBytes;
  }

  /** Lines ended so far. */
  get lines(): number {
    return this.ended;
  }

  push(chunk: Uint8Array): void {
    let runStart = 0;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      this.ended += 1;
      if (this.overlong || this.partialBytes + (nl - start) > this.maxLineBytes) {
        // The run so far is kept; the line becomes an empty one.
        this.keep(chunk.subarray(runStart, start));
        this.keep(NEWLINE);
        this.onOverlong(this.ended);
        runStart = nl + 1;
      } else {
        if (this.partialBytes > 0) for (const part of this.partial) this.keep(part);
        if (!this.blank(chunk, start, nl)) this.row();
      }
      this.partial = [];
      this.partialBytes = 0;
      this.overlong = false;
      start = nl + 1;
    }
    this.keep(chunk.subarray(runStart, start));
    if (start < chunk.length) {
      const rest = chunk.length - start;
      if (this.overlong || this.partialBytes + rest > this.maxLineBytes) {
        this.overlong = true;
        this.partial = [];
        this.partialBytes = 0;
      } else {
        this.partial.push(chunk.subarray(start));
        this.partialBytes += rest;
      }
    }
  }

  /** The stream ended: a last line without a newline is ended too. */
  end(): void {
    if (this.overlong) {
      this.ended += 1;
      this.onOverlong(this.ended);
    } else if (this.partialBytes > 0) {
      this.ended += 1;
      for (const part of this.partial) this.keep(part);
      this.keep(NEWLINE);
      if (!this.blank(NEWLINE, 0, 0)) this.row();
    }
    this.partial = [];
    this.partialBytes = 0;
    this.overlong = false;
  }

  /**
   * The lines ended and not yet taken, as one buffer of its own (each line ends in `\n`) with the
   * numbers of its first line and of its last row; null when none is a row (blank lines are let go).
   */
  take(): NdjsonChunk | null {
    if (this.rows === 0) {
      this.whole = [];
      this.wholeBytes = 0;
      this.firstUntaken = this.ended + 1;
      return null;
    }
    const bytes = new Uint8Array(this.wholeBytes);
    let offset = 0;
    for (const part of this.whole) {
      bytes.set(part, offset);
      offset += part.length;
    }
    const chunk = { bytes, firstLine: this.firstUntaken, lastLine: this.lastRow };
    this.rows = 0;
    this.whole = [];
    this.wholeBytes = 0;
    this.firstUntaken = this.ended + 1;
    return chunk;
  }

  private row(): void {
    this.rows += 1;
    this.lastRow = this.ended;
  }

  /**
   * Whether the line just ended — the partial line, then `chunk` from `start` to `end` — holds only
   * spaces and control characters. A row starts with `{`, so this is one byte's test but for blank lines.
   */
  private blank(chunk: Uint8Array, start: number, end: number): boolean {
    for (const part of this.partial) {
      for (const byte of part) if (byte > 32) return false;
    }
    for (let i = start; i < end; i++) if ((chunk[i] as number) > 32) return false;
    return true;
  }

  private keep(part: Uint8Array): void {
    if (part.length === 0) return;
    this.whole.push(part);
    this.wholeBytes += part.length;
  }
}

/** Whole NDJSON lines, numbered from `firstLine`, each ending in `\n`. */
export interface NdjsonChunk {
  bytes: Uint8Array;
  firstLine: number;
  lastLine: number;
}

/**
 * UTF-8 bytes as text. Bytes that are all ASCII (as ingest's events almost always are) are read as
 * Latin-1, a plain copy: the same text, and a twentieth of the time of Node's UTF-8 decoding, which
 * was close to a microsecond an event, a tenth of the ingest thread's work (docs/scaling.md).
 */
export function utf8Text(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buffer.toString(isAscii(buffer) ? 'latin1' : 'utf8');
}

/**
 * Each line of a chunk (`NdjsonChunker.take`), decoded, with its number: a trailing `\r` is dropped and
 * blank lines are skipped (they still count).
 */
export function forEachNdjsonLine(
  bytes: Uint8Array,
  firstLine: number,
  onLine: (text: string, lineNo: number) => void,
): void {
  const text = utf8Text(bytes);
  let lineNo = firstLine;
  let start = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    if (end > start && !isBlank(text, start, end)) onLine(text.slice(start, end), lineNo);
    lineNo += 1;
    start = nl + 1;
  }
}

function isBlank(text: string, start: number, end: number): boolean {
  // A JSON line starts with `{` (or another non-space character): only then is the test this cheap.
  if (text.charCodeAt(start) > 32) return false;
  return text.slice(start, end).trim() === '';
}
