import ExcelJS from 'exceljs';
import { ImportFileError, MAX_DATA_ROWS } from './import-file-error.js';
import { toXlsx } from './parsers.test-helpers.js';
import { readTable } from './read-table.js';

const csv = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('readTable: CSV dialects', () => {
  const expected = {
    headers: ['Date', 'Ad name', 'Impressions'],
    rows: [
      ['Fri, May 01, 2026', 'Reel, Sam', '1,234'],
      ['Sat, May 02, 2026', 'Carousel', '56'],
    ],
  };
  it.each([
    [
      'comma, LF',
      'Date,Ad name,Impressions\n"Fri, May 01, 2026","Reel, Sam","1,234"\n"Sat, May 02, 2026",Carousel,56\n',
    ],
    [
      'BOM and CRLF',
      '\uFEFFDate,Ad name,Impressions\r\n"Fri, May 01, 2026","Reel, Sam","1,234"\r\n"Sat, May 02, 2026",Carousel,56\r\n',
    ],
    ['semicolon', 'Date;Ad name;Impressions\nFri, May 01, 2026;Reel, Sam;1,234\nSat, May 02, 2026;Carousel;56\n'],
    ['tab', 'Date\tAd name\tImpressions\nFri, May 01, 2026\tReel, Sam\t1,234\nSat, May 02, 2026\tCarousel\t56'],
    [
      'leading blank lines, no final newline',
      '\n\r\n  \nDate,Ad name,Impressions\n"Fri, May 01, 2026","Reel, Sam","1,234"\n"Sat, May 02, 2026",Carousel,56',
    ],
    [
      'trailing blank lines and padded header',
      ' Date , Ad name ,Impressions\n"Fri, May 01, 2026","Reel, Sam","1,234"\n"Sat, May 02, 2026",Carousel,56\n\n,,\n',
    ],
  ])('reads %s', async (_name, text) => {
    await expect(readTable(csv(text), 'export.csv')).resolves.toEqual(expected);
  });

  it('reads UTF-16 text as Excel saves "Unicode text"', async () => {
    const body = Buffer.from('Date\tImpressions\r\n2026-05-01\t12\r\n', 'utf16le');
    const table = await readTable(Buffer.concat([Buffer.from([0xff, 0xfe]), body]), 'export.txt');
    expect(table).toEqual({ headers: ['Date', 'Impressions'], rows: [['2026-05-01', '12']] });
  });

  it('keeps interior blank rows so rows[i] is spreadsheet row i + 2', async () => {
    const table = await readTable(csv('A,B\n1,2\n\n3,4\n'), 'x.csv');
    expect(table.rows).toEqual([['1', '2'], [''], ['3', '4']]);
  });
});

describe('readTable: XLSX', () => {
  it('reads the first sheet with numbers unformatted and dates as ISO dates, whatever the file is called', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Ads');
    sheet.addRow([]);
    sheet.addRow(['Day', 'Ad name', 'Impressions', 'Amount spent (USD)', 'Posted at']);
    sheet.addRow([
      new Date(Date.UTC(2026, 4, 1)),
      { richText: [{ text: 'Reel ' }, { text: 'Sam' }] },
      12345,
      1.5,
      new Date('2026-05-01T10:30:00Z'),
    ]);
    sheet.addRow([new Date(Date.UTC(2026, 4, 2)), 'Carousel', { formula: 'C3*2', result: 24690 }, 0, null]);
    workbook.addWorksheet('Notes').addRow(['ignored']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    for (const name of ['ads.xlsx', 'ads.csv', 'download']) {
      await expect(readTable(buffer, name)).resolves.toEqual({
        headers: ['Day', 'Ad name', 'Impressions', 'Amount spent (USD)', 'Posted at'],
        rows: [
          ['2026-05-01', 'Reel Sam', '12345', '1.5', '2026-05-01T10:30:00.000Z'],
          ['2026-05-02', 'Carousel', '24690', '0', ''],
        ],
      });
    }
  });

  it('keeps an Excel serial number that is not formatted as a date as its number', async () => {
    const buffer = await toXlsx([
      ['Day', 'Impressions'],
      [46143, 10],
    ]);
    await expect(readTable(buffer, 'a.xlsx')).resolves.toEqual({
      headers: ['Day', 'Impressions'],
      rows: [['46143', '10']],
    });
  });
});

describe('readTable: refused files', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), 'a.csv', 'empty_file', 'The file is empty.'],
    ['only a BOM and blank lines', csv('\uFEFF\r\n \r\n,,\r\n'), 'a.csv', 'empty_file', 'The file is empty.'],
    [
      'a header without rows',
      csv('Date,Impressions\n\n'),
      'a.csv',
      'no_data_rows',
      'The file has a header row but no data rows.',
    ],
    [
      'a damaged XLSX',
      Buffer.from('PK\u0003\u0004 not really a zip'),
      'a.xlsx',
      'unreadable_xlsx',
      'The XLSX file could not be opened; it may be damaged or password-protected.',
    ],
    [
      'text named .xlsx',
      csv('Date,Impressions\n2026-05-01,1\n'),
      'a.xlsx',
      'unreadable_xlsx',
      'The file is named .xlsx but is not an XLSX workbook.',
    ],
    [
      'an old .xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      'a.xls',
      'unsupported_file',
      'Old Excel .xls files are not supported: save the file as .xlsx or CSV.',
    ],
    [
      'binary data',
      Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]),
      'a.pdf',
      'unsupported_file',
      'The file is not a CSV or XLSX file (it contains binary data).',
    ],
  ])('refuses %s with a typed error', async (_name, buffer, fileName, code, message) => {
    const error = await readTable(buffer, fileName).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ code, message });
  });

  it('refuses an unterminated quote with the reason', async () => {
    const error = await readTable(csv('Date,Text\n2026-05-01,"open\n'), 'a.csv').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreadable_csv' });
    expect((error as ImportFileError).message).toMatch(/^The CSV file could not be read: .*quote/i);
  });

  it('refuses more than 200,000 rows and says the limit, but takes exactly 200,000', async () => {
    const lines = (n: number): Buffer => csv(`Day,Impressions\n${'2026-05-01,1\n'.repeat(n)}`);
    await expect(readTable(lines(MAX_DATA_ROWS), 'a.csv')).resolves.toMatchObject({ headers: ['Day', 'Impressions'] });
    const error = await readTable(lines(MAX_DATA_ROWS + 1), 'a.csv').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'too_many_rows',
      message:
        'The file has 200,001 data rows; the limit is 200,000 rows per import. Split it by date range and import the parts.',
      details: { rows: 200_001, limit: 200_000 },
    });
  });
});
