import { parse } from 'csv-parse/sync';
import { CsvSplitter, usesBareCarriageReturns } from './csv-splitter.js';

const OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: false } as const;

/** The splitter's records for `text` fed in pieces of `size` characters. */
function split(text: string, size: number, delimiter = ','): string[][] {
  const splitter = new CsvSplitter(delimiter);
  const records: string[][] = [];
  for (let i = 0; i < text.length; i += size) records.push(...splitter.push(text.slice(i, i + size)));
  records.push(...splitter.end());
  return records;
}

const SAMPLES: [string, string][] = [
  ['plain rows', 'Day,Ad name,Impressions\n2026-05-01,Reel,343\n2026-05-02,Story,12\n'],
  ['CRLF, no final line end', 'a,b\r\n1,2\r\n3,4'],
  ['blank lines stay records', 'a,b\n\n1,2\n\n'],
  ['quoted cells with delimiters and doubled quotes', 'a,b,c\n"Reel, Sam\'s story","say ""hi""",3\n4,5,6\n'],
  ['a quoted cell over several lines', 'a,b\n"line one\nline two\r\nline three",2\n3,4\n'],
  ['a quote inside a plain cell is text', 'a,b\n5" screen,2\n3,4\n'],
  ['a stray quote, then a quoted cell over lines', 'a,b\nx 5" y,1\n"multi\nline",2\nlast,3\n'],
  ['text after a closing quote', 'a,b\n"ab"cd,2\n'],
  ['ragged rows', 'a,b,c\n1\n1,2,3,4\n'],
  ['every cell quoted', '"a","b"\n"1","2"\n"3","4"\n'],
];

describe('CsvSplitter', () => {
  it.each(SAMPLES)('reads %s exactly as csv-parse does, however the text is cut', (_label, text) => {
    const expected = parse(text, OPTIONS) as string[][];
    for (const size of [1, 2, 3, 7, 64, text.length]) expect(split(text, size)).toEqual(expected);
  });

  it.each(SAMPLES)('reads %s with tabs for commas as csv-parse does', (_label, commas) => {
    const text = commas.replace(/,/g, '\t');
    const expected = parse(text, { ...OPTIONS, delimiter: '\t' }) as string[][];
    for (const size of [1, 5, text.length]) expect(split(text, size, '\t')).toEqual(expected);
  });

  it('splits at the delimiter it is given', () => {
    expect(split('a;b\n1;"2;3"\n', 5, ';')).toEqual([
      ['a', 'b'],
      ['1', '2;3'],
    ]);
  });

  it('a quoted cell never closed is csv-parse’s error at the end of the file', () => {
    expect(() => split('a,b\n"open,1\n2,3\n', 4)).toThrow(/Quote Not Closed/i);
  });

  it('knows a file of bare carriage returns', () => {
    expect(usesBareCarriageReturns('a,b\r1,2\r')).toBe(true);
    expect(usesBareCarriageReturns('a,b\r\n1,2\r\n')).toBe(false);
    expect(usesBareCarriageReturns('a,b\n1,2\n')).toBe(false);
  });
});
