import { exportFile, naiveCsv, parseFile, sumOf, toCsv, toXlsx } from './parsers.test-helpers.js';
import type { ParsedRow, ParseResult } from './types.js';

const CAMPAIGN = 'mham-2026-organic';

/** A column's total read with the separate naive reader, so the expectation does not trust the parser. */
function naiveTotal(file: string, header: string): number {
  const [headers = [], ...rows] = naiveCsv(exportFile(file).toString('utf8'));
  const index = headers.indexOf(header);
  return rows.filter((row) => /^\d+$/.test(row[index] ?? '')).reduce((sum, row) => sum + Number(row[index]), 0);
}

describe('parseExport on the platform samples', () => {
  it.each([
    // Totals below were also checked once with Python's csv module.
    ['meta-ads-age-gender-daily.csv', 'meta_ads', 735, 'Impressions', 349_429],
    ['tiktok-ads-age-gender-daily.csv', 'tiktok_ads', 378, 'Impressions', 293_199],
    ['instagram-content.csv', 'instagram_content', 24, 'Views', 271_093],
    ['x-post-analytics.csv', 'x_post_analytics', 20, 'Impressions', 143_603],
  ])('%s: %s, %d rows, impressions add up', async (file, format, rowsRead, column, impressions) => {
    const result = await parseFile(exportFile(file), file, { campaignKey: CAMPAIGN });
    expect(result.format).toBe(format);
    expect(result.errors).toEqual([]);
    expect(result.rowsRead).toBe(rowsRead);
    expect(result.rows).toHaveLength(rowsRead);
    expect(naiveTotal(file, column)).toBe(impressions);
    expect(sumOf(result.rows, 'impression')).toBe(impressions);
  });

  const rowAt = (result: ParseResult, rowNumber: number): ParsedRow | undefined =>
    result.rows.find((row) => row.rowNumber === rowNumber);

  it.each<[string, number, ParsedRow]>([
    [
      'meta-ads-age-gender-daily.csv',
      2,
      {
        rowNumber: 2,
        periodStart: '2026-05-01',
        periodEnd: '2026-05-01',
        campaign: 'MHAM 2026 - You are not alone',
        creative: "Reel - Sam's story",
        creativeName: "Reel - Sam's story",
        platform: 'facebook',
        externalId: null,
        ageBand: '13-17',
        gender: 'female',
        region: null,
        counts: { impression: 343, like: 11, comment: 1, share: 2, save: 1, click: 3, video_view: 75 },
        reach: 234,
        spend: { micros: 1_690_000, currency: 'USD' },
        grain: 'day|ad|age|gender',
      },
    ],
    [
      'tiktok-ads-age-gender-daily.csv',
      379,
      {
        rowNumber: 379,
        periodStart: '2026-05-07',
        periodEnd: '2026-05-07',
        campaign: 'MHAM 2026 - TikTok',
        creative: 'TikTok - Ask a therapist live',
        creativeName: 'TikTok - Ask a therapist live',
        platform: 'tiktok',
        externalId: null,
        ageBand: '55+',
        gender: 'unknown',
        region: null,
        counts: {
          impression: 39,
          like: 0,
          comment: 0,
          share: 0,
          click: 0,
          video_view: 23,
          video_complete: 5,
          follow: 0,
        },
        reach: 30,
        spend: { micros: 170_000, currency: 'USD' },
        grain: 'day|ad|age|gender',
      },
    ],
    [
      'instagram-content.csv',
      2,
      {
        rowNumber: 2,
        periodStart: '2026-05-01',
        periodEnd: '2026-05-01',
        campaign: CAMPAIGN,
        creative: '17980940703617068',
        creativeName: 'Post 1: checking in on you #MentalHealthAwarenessMonth',
        platform: 'instagram',
        externalId: '17980940703617068',
        ageBand: null,
        gender: null,
        region: null,
        counts: { impression: 7124, like: 158, comment: 14, share: 31, save: 23, follow: 4 },
        reach: 4307,
        spend: null,
        grain: 'lifetime|post',
      },
    ],
    [
      'x-post-analytics.csv',
      2,
      {
        rowNumber: 2,
        periodStart: '2026-05-01',
        periodEnd: '2026-05-01',
        campaign: CAMPAIGN,
        creative: '1925919655710750614',
        creativeName: 'It is OK to not be OK. Resources: https://example.org/help #0',
        platform: 'x',
        externalId: '1925919655710750614',
        ageBand: null,
        gender: null,
        region: null,
        // share = Reposts 23 + Shares 4; Engagements (151) is a total and is not an event.
        counts: { impression: 4898, like: 77, comment: 7, share: 27, save: 6, click: 19, follow: 1 },
        reach: null,
        spend: null,
        grain: 'lifetime|post',
      },
    ],
  ])('%s row %d reads as the file shows it', async (file, rowNumber, expected) => {
    const result = await parseFile(exportFile(file), file, { campaignKey: CAMPAIGN });
    expect(rowAt(result, rowNumber)).toEqual(expected);
  });

  it("keeps the file's campaign names over the chosen campaign", async () => {
    const result = await parseFile(exportFile('meta-ads-age-gender-daily.csv'), 'meta.csv', { campaignKey: CAMPAIGN });
    expect(new Set(result.rows.map((row) => row.campaign))).toEqual(new Set(['MHAM 2026 - You are not alone']));
  });

  it.each(['instagram-content.csv', 'x-post-analytics.csv'])(
    '%s without a chosen campaign: every row is refused and says why',
    async (file) => {
      const result = await parseFile(exportFile(file), file);
      expect(result.rows).toEqual([]);
      expect(result.rowsRead).toBeGreaterThan(0);
      expect(result.errors).toHaveLength(result.rowsRead);
      expect(result.errors[0]).toEqual({
        rowNumber: 2,
        field: 'campaign',
        message: 'No campaign: the file names none for this row, and none was chosen for the import.',
      });
    },
  );
});

// Variants of the Meta sample: every one must read to exactly the same rows.
const META_FILE = 'meta-ads-age-gender-daily.csv';
const META = naiveCsv(exportFile(META_FILE).toString('utf8'));
const [META_HEADERS = [], ...META_ROWS] = META;
const col = (name: string): number => META_HEADERS.indexOf(name);
const DATE_COLUMNS = [col('Reporting starts'), col('Reporting ends')];
const withCells = (change: (cell: string, index: number) => string): string[][] => [
  META_HEADERS,
  ...META_ROWS.map((row) => row.map(change)),
];
const longDate = (iso: string): string =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', {
    weekday: 'short',
    month: 'short',
    day: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  });
const grouped = (separator: string) => (cell: string) =>
  /^\d{4,}$/.test(cell) ? Number(cell).toLocaleString('en-US').replace(/,/g, separator) : cell;
const ENUM_AGES: Record<string, string> = { '65+': 'AGE_65_100' };
const order = META_HEADERS.map((_, i) => i).sort((a, b) => ((a * 7) % 16) - ((b * 7) % 16));

describe('parseExport reads variants of the Meta sample to the same rows', () => {
  let baseline: ParseResult;
  beforeAll(async () => {
    baseline = await parseFile(exportFile(META_FILE), META_FILE);
  });

  it.each<[string, () => Buffer]>([
    ['BOM + CRLF', () => Buffer.from(`\uFEFF${toCsv(META, ',', '\r\n')}`)],
    ['shuffled column order', () => Buffer.from(toCsv(META.map((row) => order.map((i) => row[i] ?? ''))))],
    [
      'currency in a header',
      () => Buffer.from(toCsv([META_HEADERS.map((h) => h.replace('(USD)', '(INR)')), ...META_ROWS])),
    ],
    ['upper-case headers', () => Buffer.from(toCsv([META_HEADERS.map((h) => h.toUpperCase()), ...META_ROWS]))],
    ['thousands separators 1,234', () => Buffer.from(toCsv(withCells(grouped(','))))],
    ['thousands separators 1 234', () => Buffer.from(toCsv(withCells(grouped(' '))))],
    ['semicolon delimiter', () => Buffer.from(toCsv(META, ';'))],
    ['tab delimiter', () => Buffer.from(toCsv(META, '\t'))],
    [
      'enum age bands and upper-case genders',
      () =>
        Buffer.from(
          toCsv(
            withCells((cell, i) =>
              i === col('Age')
                ? (ENUM_AGES[cell] ?? `AGE_${cell.replace('-', '_')}`)
                : i === col('Gender')
                  ? cell.toUpperCase()
                  : cell,
            ),
          ),
        ),
    ],
    [
      'quoted dates with commas',
      () => Buffer.from(toCsv(withCells((cell, i) => (DATE_COLUMNS.includes(i) ? longDate(cell) : cell)))),
    ],
    [
      'US slash dates',
      () =>
        Buffer.from(
          toCsv(
            withCells((cell, i) => (DATE_COLUMNS.includes(i) ? cell.replace(/^(\d+)-(\d+)-(\d+)$/, '$2/$3/$1') : cell)),
          ),
        ),
    ],
    [
      'footer rows',
      () =>
        Buffer.from(
          toCsv([...META, [], ['Total of 735 results', '', '', '349429'], ['Summary'], ['', '', 'Total', '']]),
        ),
    ],
  ])('%s', async (_name, build) => {
    const result = await parseFile(build(), 'export.csv');
    expect(result.errors).toEqual([]);
    expect(result.rowsRead).toBe(735);
    // The header's currency is the spend's currency; everything else reads the same.
    const currency = _name === 'currency in a header' ? 'INR' : 'USD';
    expect(result.rows).toEqual(
      baseline.rows.map((row) => ({ ...row, spend: row.spend && { ...row.spend, currency } })),
    );
  });

  it('reads spend to the millionth with its currency, adding up to the file’s own total', async () => {
    const index = col('Amount spent (USD)');
    // Cents from the naive reader's text, so no floating point is trusted on either side.
    const cents = META_ROWS.reduce((sum, row) => {
      const [units = '0', fraction = ''] = (row[index] ?? '0').split('.');
      return sum + Number(units) * 100 + Number(fraction.padEnd(2, '0'));
    }, 0);
    expect(baseline.rows.every((row) => row.spend?.currency === 'USD')).toBe(true);
    expect(baseline.rows.reduce((sum, row) => sum + (row.spend?.micros ?? 0), 0)).toBe(cents * 10_000);
  });

  it('an XLSX saved from the same data, with real numbers and dates', async () => {
    const numeric = new Set(META_HEADERS.map((_, i) => i).filter((i) => i >= col('Amount spent (USD)')));
    const buffer = await toXlsx(
      META.map((row, r) =>
        row.map((cell, i) => {
          if (r === 0) return cell;
          if (DATE_COLUMNS.includes(i)) return new Date(`${cell}T00:00:00Z`);
          return numeric.has(i) ? Number(cell) : cell;
        }),
      ),
    );
    const result = await parseFile(buffer, 'meta-ads.xlsx');
    expect(result.format).toBe('meta_ads');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual(baseline.rows);
  });

  it('an XLSX whose dates are plain Excel serial numbers', async () => {
    const serial = (iso: string): number => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const buffer = await toXlsx(
      META.map((row, r) => row.map((cell, i) => (r > 0 && DATE_COLUMNS.includes(i) ? serial(cell) : cell))),
    );
    const result = await parseFile(buffer, 'meta-ads.xlsx');
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual(baseline.rows);
  });
});
