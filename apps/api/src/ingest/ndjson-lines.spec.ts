import { NdjsonLineSplitter } from './ndjson-lines.js';

function split(chunks: string[], maxLineBytes = 1024): { lines: [number, string][]; overlong: number[] } {
  const lines: [number, string][] = [];
  const overlong: number[] = [];
  const splitter = new NdjsonLineSplitter(
    maxLineBytes,
    (text, n) => lines.push([n, text]),
    (n) => overlong.push(n),
  );
  for (const c of chunks) splitter.push(Buffer.from(c, 'utf8'));
  splitter.end();
  return { lines, overlong };
}

describe('NdjsonLineSplitter', () => {
  it('numbers lines across chunk boundaries, strips CR, skips blank lines and keeps a last line without newline', () => {
    expect(split(['{"a":1}\r\n{"b"', ':2}\n\n  \n{"c":3}'])).toEqual({
      lines: [
        [1, '{"a":1}'],
        [2, '{"b":2}'],
        [5, '{"c":3}'],
      ],
      overlong: [],
    });
  });

  it('decodes multi-byte characters split between chunks', () => {
    const bytes = Buffer.from('{"n":"Zoë"}\n', 'utf8');
    const lines: string[] = [];
    const splitter = new NdjsonLineSplitter(
      1024,
      (t) => lines.push(t),
      () => undefined,
    );
    splitter.push(bytes.subarray(0, 9));
    splitter.push(bytes.subarray(9));
    splitter.end();
    expect(lines).toEqual(['{"n":"Zoë"}']);
  });

  it('refuses an overlong line without keeping it, and carries on', () => {
    expect(split(['x'.repeat(20), 'y'.repeat(20), '\n{"ok":1}\n'], 16)).toEqual({
      lines: [[2, '{"ok":1}']],
      overlong: [1],
    });
  });
});
