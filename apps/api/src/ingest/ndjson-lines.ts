/**
 * Splits a byte stream into NDJSON lines without holding more than one line (at most
 * `maxLineBytes`) plus the current chunk. `\n` never occurs inside a multi-byte UTF-8
 * sequence, so splitting bytes before decoding is safe. Blank lines are skipped.
 */
export class NdjsonLineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overlong = false;
  private lineNo = 0;

  constructor(
    private readonly maxLineBytes: number,
    private readonly onLine: (text: string, lineNo: number) => void,
    private readonly onOverlong: (lineNo: number) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl === -1) break;
      this.lineNo += 1;
      if (this.overlong || this.pendingBytes + (nl - start) > this.maxLineBytes) {
        this.onOverlong(this.lineNo);
      } else if (this.pendingBytes === 0) {
        this.emit(chunk.toString('utf8', start, nl));
      } else {
        this.pending.push(chunk.subarray(start, nl));
        this.emit(Buffer.concat(this.pending).toString('utf8'));
      }
      this.pending = [];
      this.pendingBytes = 0;
      this.overlong = false;
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.length - start;
      if (this.overlong || this.pendingBytes + rest > this.maxLineBytes) {
        this.overlong = true;
        this.pending = [];
        this.pendingBytes = 0;
      } else {
        // Copy: the caller may reuse its buffer.
        this.pending.push(Buffer.from(chunk.subarray(start)));
        this.pendingBytes += rest;
      }
    }
  }

  /** The last line, when the stream does not end with a newline. */
  end(): void {
    if (this.overlong) {
      this.lineNo += 1;
      this.onOverlong(this.lineNo);
    } else if (this.pendingBytes > 0) {
      this.lineNo += 1;
      this.emit(Buffer.concat(this.pending).toString('utf8'));
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.overlong = false;
  }

  get lines(): number {
    return this.lineNo;
  }

  private emit(text: string): void {
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) return;
    this.onLine(line, this.lineNo);
  }
}
