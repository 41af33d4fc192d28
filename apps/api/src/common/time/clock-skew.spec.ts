import { exportFile, parseFile } from '../../imports/parsers/parsers.test-helpers.js';
import { latestAcceptedDay, latestAcceptedInstant, MAX_CLOCK_SKEW_MS } from './clock-skew.js';

describe('clock-skew allowance', () => {
  it('accepts up to the allowance ahead of now', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(latestAcceptedInstant(now)).toBe(now + MAX_CLOCK_SKEW_MS);
  });

  it.each([
    ['2026-06-01T00:00:00Z', '2026-06-01'],
    // 10:00 UTC is already the next day at UTC+14 (Kiribati).
    ['2026-06-01T10:00:00Z', '2026-06-02'],
  ])('the latest day-grained date at %s is %s', (now, day) => {
    expect(latestAcceptedDay(Date.parse(now))).toBe(day);
  });
});

describe('import rows dated in the future', () => {
  it('are row errors naming the row, the column and the allowance; the other rows are read', async () => {
    // Two years ahead (2999 is already refused as unreadable).
    const future = `${new Date().getUTCFullYear() + 2}-01-01`;
    const lines = exportFile('meta-ads-age-gender-daily.csv').toString('utf8').split('\n');
    lines[1] = (lines[1] ?? '').replace('2026-05-01,2026-05-01', `${future},${future}`);
    const result = await parseFile(Buffer.from(lines.join('\n')), 'meta.csv');
    expect(result.errors).toContainEqual(
      expect.objectContaining({
        rowNumber: 2,
        field: 'Reporting starts',
        message: expect.stringContaining(`is in the future: "${future}" (dates must be at most 10 minutes ahead`),
      }),
    );
    expect(result.rows.find((row) => row.rowNumber === 2)).toBeUndefined();
    expect(result.rows.find((row) => row.rowNumber === 3)).toBeDefined();
  });
});
