import { forEachNdjsonLine, NdjsonChunker, utf8Text, type NdjsonChunk } from './ndjson-lines.js';

/** Feeds `chunks` to a chunker, taking a chunk after each push when `takeEvery` lines are pending. */
function cut(
  chunks: readonly string[],
  options: { maxLineBytes?: number; takeEvery?: number } = {},
): { taken: NdjsonChunk[]; overlong: number[]; chunker: NdjsonChunker } {
  const overlong: number[] = [];
  const taken: NdjsonChunk[] = [];
  const chunker = new NdjsonChunker(options.maxLineBytes ?? 1024, (n) => overlong.push(n));
  const take = (): void => {
    const chunk = chunker.take();
    if (chunk) taken.push(chunk);
  };
  for (const c of chunks) {
    chunker.push(Buffer.from(c, 'utf8'));
    if (chunker.pendingRows >= (options.takeEvery ?? Infinity)) take();
  }
  chunker.end();
  take();
  return { taken, overlong, chunker };
}

/** What a chunk's lines read as, with their numbers (forEachNdjsonLine). */
function linesOf(chunks: readonly NdjsonChunk[]): [number, string][] {
  const lines: [number, string][] = [];
  for (const { bytes, firstLine } of chunks) forEachNdjsonLine(bytes, firstLine, (text, n) => lines.push([n, text]));
  return lines;
}

const text = (chunk: NdjsonChunk): string => Buffer.from(chunk.bytes).toString('utf8');

describe('NdjsonChunker and forEachNdjsonLine', () => {
  it('numbers lines across chunk boundaries, strips CR, skips blank lines and keeps a last line without newline', () => {
    const { taken, chunker } = cut(['{"a":1}\r\n{"b"', ':2}\n\n  \n{"c":3}']);
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ firstLine: 1, lastLine: 5 });
    expect(text(taken[0] as NdjsonChunk)).toBe('{"a":1}\r\n{"b":2}\n\n  \n{"c":3}\n');
    expect(linesOf(taken)).toEqual([
      [1, '{"a":1}'],
      [2, '{"b":2}'],
      [5, '{"c":3}'],
    ]);
    expect(chunker.lines).toBe(5);
  });

  it('cuts whole lines only, each chunk a buffer of its own, numbered on from the last', () => {
    const { taken } = cut(['{"a":1}\n{"b":2}\n{"c"', ':3}\n{"d":4}\n', '{"e":5}\n'], { takeEvery: 2 });
    expect(taken.map((c) => [c.firstLine, c.lastLine, text(c)])).toEqual([
      [1, 2, '{"a":1}\n{"b":2}\n'],
      [3, 4, '{"c":3}\n{"d":4}\n'],
      [5, 5, '{"e":5}\n'],
    ]);
    for (const { bytes } of taken) {
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
    }
    expect(linesOf(taken).map(([n]) => n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('decodes multi-byte characters split between chunks', () => {
    const bytes = Buffer.from('{"n":"Zoë"}\n{"n":"日本"}', 'utf8');
    const chunker = new NdjsonChunker(1024, () => undefined);
    for (let i = 0; i < bytes.length; i += 5) chunker.push(bytes.subarray(i, i + 5));
    chunker.end();
    expect(linesOf([chunker.take() as NdjsonChunk])).toEqual([
      [1, '{"n":"Zoë"}'],
      [2, '{"n":"日本"}'],
    ]);
  });

  it('refuses an overlong line without keeping it, and the lines after it keep their numbers', () => {
    const { taken, overlong } = cut(['x'.repeat(20), 'y'.repeat(20), '\n{"ok":1}\n', `${'z'.repeat(30)}\n{"ok":2}`], {
      maxLineBytes: 16,
    });
    expect(overlong).toEqual([1, 3]);
    expect(linesOf(taken)).toEqual([
      [2, '{"ok":1}'],
      [4, '{"ok":2}'],
    ]);
    expect(text(taken[0] as NdjsonChunk)).not.toMatch(/[xyz]/);
  });

  it('refuses an overlong last line without a newline', () => {
    const { taken, overlong } = cut(['{"ok":1}\n', 'q'.repeat(40)], { maxLineBytes: 16 });
    expect(overlong).toEqual([2]);
    expect(linesOf(taken)).toEqual([[1, '{"ok":1}']]);
  });

  it('counts rows, not blank lines: a chunk of blank lines is let go, and its last line is its last row', () => {
    const { taken, chunker } = cut(['\n \r\n\t\n', '{"a":1}\n\n', '\n'.repeat(10)], { takeEvery: 1 });
    expect(taken.map((c) => [c.firstLine, c.lastLine])).toEqual([[1, 4]]);
    expect(linesOf(taken)).toEqual([[4, '{"a":1}']]);
    expect(chunker.lines).toBe(15);
    expect(cut(['\n'.repeat(100), '  '], { takeEvery: 1 }).taken).toEqual([]);
  });

  it('takes nothing when no line has ended', () => {
    const chunker = new NdjsonChunker(1024, () => undefined);
    chunker.push(Buffer.from('{"half":'));
    expect(chunker.pendingRows).toBe(0);
    expect(chunker.take()).toBeNull();
  });
});

describe('utf8Text', () => {
  it.each([
    ['ASCII', Buffer.from('{"eventId":"e-1","memberId":"m-42"}\n', 'utf8')],
    ['Latin-1 letters', Buffer.from('{"eventId":"naïve café"}', 'utf8')],
    ['three- and four-byte characters', Buffer.from('✓ 日本語 🎗️', 'utf8')],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xe9, 0x22, 0xff, 0xfe, 0x7d])],
    ['a byte of 0x80 among ASCII', Buffer.from([0x61, 0x80, 0x62])],
    ['nothing', Buffer.alloc(0)],
  ])('reads %s as Node’s UTF-8 decoding does', (_label: string, bytes: Buffer) => {
    expect(utf8Text(bytes)).toBe(bytes.toString('utf8'));
    // A view into a larger buffer reads only its own bytes.
    const padded = Buffer.concat([Buffer.from('xx'), bytes, Buffer.from('yy')]);
    expect(utf8Text(padded.subarray(2, 2 + bytes.length))).toBe(bytes.toString('utf8'));
  });
});
