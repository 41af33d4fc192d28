import { detectFormat } from './detect-format.js';
import { ImportFileError } from './import-file-error.js';
import { parseExport } from './parse-export.js';
import { naiveCsv, parseFile, sumOf, variantFile } from './parsers.test-helpers.js';
import { readTable } from './read-table.js';

const CAMPAIGN = 'mham-2026-organic';

describe('parseExport on the hand-written variants', () => {
  it('Meta: a 7-day period with Platform, Placement and Region breakdowns', async () => {
    const result = await parseFile(variantFile('meta-ads-platform-placement-region.csv'), 'meta.csv');
    expect(result.format).toBe('meta_ads');
    expect(result.mapping).toMatchObject({
      video_view: '3-second video plays',
      externalId: 'Ad ID',
      platform: 'Platform',
    });
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => [row.rowNumber, row.platform, row.counts.impression, row.reach])).toEqual([
      [2, 'instagram', 12_480, 9315],
      [3, 'facebook', 3002, 2410],
      [4, 'other', 640, 588],
      [5, 'other', 35, 33],
    ]);
    expect(result.rows[0]).toEqual({
      rowNumber: 2,
      periodStart: '2026-05-01',
      periodEnd: '2026-05-07',
      campaign: 'MHAM 2026 - India',
      creative: 'Reel - Talk to someone',
      creativeName: 'Reel - Talk to someone',
      platform: 'instagram',
      externalId: '120210000000000001',
      ageBand: null,
      gender: null,
      region: 'Maharashtra',
      counts: {
        impression: 12_480,
        like: 1102,
        comment: 37,
        share: 55,
        save: 61,
        click: 84,
        video_view: 4870,
        video_complete: 960,
      },
      reach: 9315,
      spend: { micros: 1_250_400_000, currency: 'INR' },
      grain: 'period|ad|region|platform|placement',
    });
    // '-', '--' and blank cells are no activity: 0.
    expect(result.rows[2]?.counts).toMatchObject({ like: 0, comment: 0, share: 0 });
  });

  it('TikTok: BOM, CRLF, enum age bands, upper-case genders, "1 234" and a Total footer', async () => {
    const result = await parseFile(variantFile('tiktok-ads-enum-bands-footer.csv'), 'tiktok.csv');
    expect(result.format).toBe('tiktok_ads');
    expect(result.errors).toEqual([]);
    expect(result.rowsRead).toBe(4);
    expect(
      result.rows.map((row) => [row.rowNumber, row.periodStart, row.ageBand, row.gender, row.counts.impression]),
    ).toEqual([
      [2, '2026-05-01', '13-17', 'female', 1452],
      [3, '2026-05-01', '18-24', 'male', 2310],
      [4, '2026-05-01', '55+', 'unknown', 88],
      [5, '2026-05-02', 'unknown', 'female', 301],
    ]);
    expect(sumOf(result.rows, 'impression')).toBe(4151);
    expect(result.rows[0]).toMatchObject({
      creative: 'TikTok - Breathing with Maya',
      externalId: '1790000000000000001',
      counts: { like: 87, comment: 8, share: 11, follow: 3, click: 9, video_view: 982, video_complete: 247 },
      // "Cost (USD)": the currency from the header.
      spend: { micros: 4_100_000, currency: 'USD' },
    });
  });

  it('TikTok: a Currency column names the spend currency; one that is not a code is a row error', async () => {
    const csv = [
      'By Day,Campaign name,Ad name,Age,Gender,Currency,Cost,Impressions',
      '2026-05-01,C,Ad,18-24,female,eur,"1,002.50",100',
      '2026-05-01,C,Ad,18-24,male,Euros,3.00,100',
      '2026-05-01,C,Ad,25-34,male,,2.00,100',
    ].join('\n');
    const result = await parseFile(Buffer.from(csv), 'tiktok.csv');
    expect(result.rows.map((row) => [row.rowNumber, row.spend])).toEqual([
      [2, { micros: 1_002_500_000, currency: 'EUR' }],
      // Neither the column nor the header says: XXX, ISO 4217's "no currency".
      [4, { micros: 2_000_000, currency: 'XXX' }],
    ]);
    expect(result.errors).toEqual([
      {
        rowNumber: 3,
        field: 'Currency',
        message: '"Currency" is not a currency code such as USD or INR: "Euros".',
        value: 'Euros',
      },
    ]);
  });

  it('Instagram: day-first dates are recognised per file, and the export date ends the period', async () => {
    const result = await parseFile(variantFile('instagram-content-day-first.csv'), 'ig.csv', { campaignKey: CAMPAIGN });
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => [row.creativeName, row.periodStart, row.periodEnd, row.grain])).toEqual([
      ['Check in, not out', '2026-05-14', '2026-05-31', 'lifetime|post'],
      ['Five signs of burnout', '2026-05-03', '2026-05-31', 'lifetime|post'],
    ]);
  });

  it('X: bad values become row errors naming the column; the other rows still parse', async () => {
    const result = await parseFile(variantFile('x-post-analytics-bad-values.csv'), 'x.csv', { campaignKey: CAMPAIGN });
    expect(result.rowsRead).toBe(5);
    expect(result.rows.map((row) => [row.rowNumber, row.periodStart, row.counts.impression])).toEqual([
      [2, '2026-05-01', 4898],
      [7, '2026-05-05', 2179],
    ]);
    expect(result.errors).toEqual([
      { rowNumber: 3, field: 'Likes', message: '"Likes" must not be negative: "-3".', value: '-3' },
      {
        rowNumber: 4,
        field: 'Date',
        message: '"Date" is not a date we can read: "Someday, 2026".',
        value: 'Someday, 2026',
      },
      { rowNumber: 5, field: 'Impressions', message: '"Impressions" must be a whole number: "lots".', value: 'lots' },
      { rowNumber: 5, field: 'Reposts', message: '"Reposts" must be a whole number: "two".', value: 'two' },
    ]);
  });

  it('an unknown header set is not recognised, and the caller gets the recognised formats', async () => {
    const table = await readTable(variantFile('unknown-headers.csv'), 'unknown.csv');
    expect(detectFormat(table.headers)).toBeNull();
    const error = (() => {
      try {
        return parseExport(table);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({
      code: 'unrecognised_format',
      message: "The file's columns do not match an export we recognise.",
      details: {
        headers: ['Date', 'Channel', 'Visitors', 'Bounce rate'],
        recognisedFormats: expect.arrayContaining([{ format: 'x_post_analytics', label: 'X post analytics export' }]),
      },
    });
  });
});

describe('parseExport row errors on a Meta table', () => {
  const headers = [
    'Reporting starts',
    'Reporting ends',
    'Campaign name',
    'Ad name',
    'Age',
    'Gender',
    'Impressions',
    'Reach',
  ];
  const table = (rows: string[][]) => ({ headers, rows });

  it.each([
    [
      'an unknown age band',
      ['2026-05-01', '2026-05-01', 'C', 'A', 'teens', 'female', '10', '5'],
      { field: 'Age', message: '"Age" is not an age band we know: "teens".', value: 'teens' },
    ],
    [
      'an unknown gender',
      ['2026-05-01', '2026-05-01', 'C', 'A', '18-24', 'robot', '10', '5'],
      { field: 'Gender', message: '"Gender" is not a gender we know: "robot".', value: 'robot' },
    ],
    [
      'a period ending before it starts',
      ['2026-05-07', '2026-05-01', 'C', 'A', '18-24', 'male', '10', '5'],
      { field: 'Reporting ends', message: 'The period ends (2026-05-01) before it starts (2026-05-07).' },
    ],
    [
      'an empty date',
      ['', '2026-05-01', 'C', 'A', '18-24', 'male', '10', '5'],
      { field: 'Reporting starts', message: '"Reporting starts" is empty; a date is needed.' },
    ],
    [
      'no campaign in the row and none chosen',
      ['2026-05-01', '2026-05-01', '', 'A', '18-24', 'male', '10', '5'],
      {
        field: 'Campaign name',
        message: 'No campaign: the file names none for this row, and none was chosen for the import.',
      },
    ],
    [
      'a negative reach',
      ['2026-05-01', '2026-05-01', 'C', 'A', '18-24', 'male', '10', '-5'],
      { field: 'Reach', message: '"Reach" must not be negative: "-5".', value: '-5' },
    ],
  ])('%s is refused and the good row kept', (_name, bad, error) => {
    const good = ['2026-05-02', '2026-05-02', 'C', 'A', 'All', 'All', '1,000', ''];
    const result = parseExport(table([bad, good]));
    expect(result.errors).toEqual([{ rowNumber: 2, ...error }]);
    // "All" is no breakdown (null); a blank reach is not reported (null), not 0.
    expect(result.rows).toEqual([
      expect.objectContaining({ rowNumber: 3, ageBand: null, gender: null, counts: { impression: 1000 }, reach: null }),
    ]);
  });

  it('day-first files are detected from a day over 12; a value that contradicts the file is a row error', () => {
    const result = parseExport(
      table([
        ['13/05/2026', '13/05/2026', 'C', 'A', '18-24', 'F', '1', '1'],
        ['01/05/2026', '01/05/2026', 'C', 'A', '18-24', 'F', '1', '1'],
      ]),
    );
    expect(result.rows.map((row) => row.periodStart)).toEqual(['2026-05-13', '2026-05-01']);
    const us = parseExport(
      table([
        ['05/13/2026', '05/13/2026', 'C', 'A', '18-24', 'M', '1', '1'],
        ['13/05/2026', '13/05/2026', 'C', 'A', '18-24', 'M', '1', '1'],
      ]),
    );
    expect(us.rows.map((row) => row.periodStart)).toEqual(['2026-05-13']);
    expect(us.errors.map((e) => [e.rowNumber, e.field])).toEqual([
      [3, 'Reporting starts'],
      [3, 'Reporting ends'],
    ]);
  });

  it('a chosen date order overrides detection', () => {
    const result = parseExport(table([['01/05/2026', '01/05/2026', 'C', 'A', '18-24', 'F', '1', '1']]), {
      dateOrder: 'dmy',
    });
    expect(result.rows[0]?.periodStart).toBe('2026-05-01');
    expect(
      parseExport(table([['01/05/2026', '01/05/2026', 'C', 'A', '18-24', 'F', '1', '1']])).rows[0]?.periodStart,
    ).toBe('2026-01-05');
  });
});

it('readTable reads the variant files cell for cell', async () => {
  for (const file of ['meta-ads-platform-placement-region.csv', 'instagram-content-day-first.csv']) {
    const [headers, ...rows] = naiveCsv(variantFile(file).toString('utf8'));
    await expect(readTable(variantFile(file), file)).resolves.toEqual({ headers, rows });
  }
});
