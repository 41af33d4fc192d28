import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A value in COPY's text format (`\N` for null). */
export function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c) : value;
}

/** Runs `COPY … FROM STDIN` with lines already in COPY's text format (each ending in a newline). */
export async function copyFromText(client: PoolClient, sql: string, text: string | Buffer): Promise<void> {
  if (text.length === 0) return;
  const stream = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(text);
  });
}

/** Runs `COPY … FROM STDIN` with its data in parts, written in order (a binary COPY's header, rows, trailer). */
export async function copyFromParts(client: PoolClient, sql: string, parts: readonly Uint8Array[]): Promise<void> {
  const stream = client.query(copyFrom(sql));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    for (const part of parts) stream.write(part);
    stream.end();
  });
}

/**
 * COPY text built straight into one reusable buffer: for writers that COPY hundreds of thousands of
 * lines, building a string per line costs several times more (and leaves it all to the garbage
 * collector). Call `reset` before each COPY's lines; `contents` is valid until the next `reset`.
 */
export class CopyBuffer {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private length = 0;

  reset(): void {
    this.length = 0;
  }

  /** Forgets the buffer (after a failed COPY, whose bytes a socket might still hold). */
  discard(): void {
    this.buffer = Buffer.allocUnsafe(1 << 20);
    this.length = 0;
  }

  /** Bytes already in COPY's format (see `encode`). */
  bytes(bytes: Buffer): this {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** ASCII text that needs no escaping: ids, numbers, keys. */
  ascii(text: string | number): this {
    const s = typeof text === 'number' ? String(text) : text;
    this.ensure(s.length);
    this.length += this.buffer.write(s, this.length, 'latin1');
    return this;
  }

  /** Any value, escaped for COPY (`\\N` for null). */
  text(value: string | number | null): this {
    const s = copyValue(value);
    this.ensure(s.length * 3);
    this.length += this.buffer.write(s, this.length, 'utf8');
    return this;
  }

  /**
   * Text already in COPY's format (values escaped with `copyValue`), as UTF-8: a whole line at once is
   * one copy into the buffer rather than one per value.
   */
  raw(text: string): this {
    this.ensure(text.length * 3);
    this.length += this.buffer.write(text, this.length, 'utf8');
    return this;
  }

  /** Tab-separated values, then a newline. */
  line(values: readonly (string | number | null)[]): this {
    for (let i = 0; i < values.length; i += 1) {
      if (i > 0) this.ascii('\t');
      this.text(values[i] ?? null);
    }
    return this.ascii('\n');
  }

  contents(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** Values escaped for COPY, tab-separated (to pass to `raw`). */
  static join(values: readonly (string | number | null)[]): string {
    let text = copyValue(values[0] ?? null);
    for (let i = 1; i < values.length; i += 1) text += `\t${copyValue(values[i] ?? null)}`;
    return text;
  }

  /** Values (escaped for COPY) as bytes to repeat with `bytes`, tab-separated. */
  static encode(values: readonly (string | number | null)[]): Buffer {
    return Buffer.from(values.map(copyValue).join('\t'), 'utf8');
  }

  private ensure(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
