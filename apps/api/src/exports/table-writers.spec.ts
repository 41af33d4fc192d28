import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportTable } from './export-table.js';
import { writeCsv, writeXlsx } from './table-writers.js';

function collect(): { stream: PassThrough; result: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, result: new Promise((resolve) => stream.on('end', () => resolve(Buffer.concat(chunks)))) };
}

const table: ExportTable = {
  title: 'Breakdown by ageBand',
  columns: [
    { key: 'age', header: 'ageBand', kind: 'text' },
    { key: 'impressions', header: 'Impressions', kind: 'count' },
    { key: 'rate', header: 'Engagement rate (%)', kind: 'percent' },
  ],
  rows: [
    { age: '18–24', impressions: 1200, rate: 5.03 },
    { age: '65+, rural "north"', impressions: { suppressed: true }, rate: { suppressed: true } },
    { age: 'Total (de-duplicated)', impressions: 1207, rate: null },
  ],
  notes: [
    { label: 'Suppression', value: '<11: counts from 1 to 10 are hidden' },
    { label: 'Engagement rate', value: 'Engagements ÷ impressions' },
  ],
  suppressedLabel: '<11',
  period: { from: '2026-05-01', to: '2026-05-31' },
};

describe('export writers', () => {
  it('defuses formula-like text in CSV (creative names come from users and platform files); numbers stay numbers', async () => {
    const hostile: ExportTable = {
      ...table,
      columns: [
        { key: 'creative', header: 'Creative', kind: 'text' },
        { key: 'n', header: 'Impressions', kind: 'count' },
      ],
      rows: [
        { creative: '=HYPERLINK("http://evil.example","x")', n: -3 },
        { creative: "+cmd|' /C calc'!A0", n: 12 },
        { creative: '@SUM(A1:A2)', n: 0 },
        { creative: "-2+3+cmd|' /C calc'!A0", n: 1 },
        { creative: '\t=1+1', n: 1 },
        { creative: '\r=1+1', n: 1 },
        { creative: '-2.5', n: 1 },
      ],
      notes: [],
    };
    const { stream, result } = collect();
    await writeCsv(hostile, stream);
    const lines = (await result)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines.slice(1, 6)).toEqual([
      `"'=HYPERLINK(""http://evil.example"",""x"")",-3`,
      `'+cmd|' /C calc'!A0,12`,
      `'@SUM(A1:A2),0`,
      `'-2+3+cmd|' /C calc'!A0,1`,
      `'\t=1+1,1`,
    ]);
    expect(lines[6]).toBe(`'\r=1+1,1`);
    expect(lines).toContain('-2.5,1');
  });

  it('writes CSV with one header row, "<11" for hidden cells, quoting, and the notes after the data', async () => {
    const { stream, result } = collect();
    await writeCsv(table, stream);
    const text = (await result).toString('utf8').replace(/^\uFEFF/, '');
    expect(text.split('\r\n')).toEqual([
      'ageBand,Impressions,Engagement rate (%)',
      '18–24,1200,5.03',
      '"65+, rural ""north""",<11,<11',
      'Total (de-duplicated),1207,',
      '',
      'Notes,Breakdown by ageBand',
      'Suppression,<11: counts from 1 to 10 are hidden',
      'Engagement rate,Engagements ÷ impressions',
      '',
    ]);
  });

  it('writes an XLSX workbook with a Data sheet (numbers as numbers) and a Notes sheet', async () => {
    const { stream, result } = collect();
    await writeXlsx(table, stream);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await result) as unknown as ArrayBuffer);
    const data = workbook.getWorksheet('Data');
    expect(data?.getRow(1).values).toEqual([undefined, 'ageBand', 'Impressions', 'Engagement rate (%)']);
    // The same number as the CSV: a percentage is never scaled by Excel's % format.
    expect(data?.getRow(2).values).toEqual([undefined, '18–24', 1200, 5.03]);
    expect(data?.getRow(3).getCell(2).value).toBe('<11');
    expect(data?.getRow(2).getCell(3).numFmt).toBe('0.00');
    expect(data?.rowCount).toBe(4);
    const notes = workbook.getWorksheet('Notes');
    expect(notes?.getRow(2).values).toEqual([undefined, 'Suppression', '<11: counts from 1 to 10 are hidden']);
  });
});
