import {
  addDaysToIsoDate,
  daysBetweenIsoDates,
  daysInMonth,
  isIsoDate,
  isLeapYear,
  isoDateOf,
  parseIsoDate,
  tryParseIsoDate,
  weekdayOf,
} from './iso-date.js';

describe('isLeapYear', () => {
  it.each([
    [2000, true],
    [2023, false],
    [2024, true],
    [2028, true],
    [1900, false],
    [2100, false],
    [2400, true],
  ])('%i → %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });
});

describe('daysInMonth', () => {
  it.each([
    [2023, 2, 28],
    [2024, 2, 29],
    [2100, 2, 28],
    [2000, 2, 29],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it('rejects a month outside 1–12', () => {
    expect(() => daysInMonth(2024, 13)).toThrow(RangeError);
  });
});

describe('weekdayOf', () => {
  it.each([
    ['1970-01-01', 4],
    ['2000-01-01', 6],
    ['2024-02-29', 4],
    ['2024-10-06', 0],
    ['1969-12-31', 3],
    ['0001-01-01', 1], // proleptic Gregorian
    ['9999-12-31', 5],
  ])('%s is weekday %i', (date, weekday) => {
    const { year, month, day } = parseIsoDate(date);
    expect(weekdayOf(year, month, day)).toBe(weekday);
  });
});

describe('parsing', () => {
  it.each(['2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])('accepts %s', (date) => {
    expect(isIsoDate(date)).toBe(true);
  });

  it.each([
    '2023-02-29',
    '2100-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '2024-1-05',
    '2024-01-05T00:00',
    '0000-01-01',
    '',
  ])('rejects %s', (date) => {
    expect(tryParseIsoDate(date)).toBeUndefined();
    expect(() => parseIsoDate(date, 'fromDate')).toThrow(/fromDate must be a real calendar date/);
  });

  it('rejects non-strings', () => {
    expect(isIsoDate(20240101)).toBe(false);
  });
});

describe('arithmetic', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-01-01', 366, '2025-01-01'],
    ['0099-12-31', 1, '0100-01-01'],
  ])('%s + %i days = %s', (date, days, expected) => {
    expect(addDaysToIsoDate(date, days)).toBe(expected);
    expect(daysBetweenIsoDates(date, expected)).toBe(days);
  });

  it('normalises overflowing days', () => {
    expect(isoDateOf(2024, 1, 32)).toBe('2024-02-01');
    expect(isoDateOf(2024, 3, 0)).toBe('2024-02-29');
  });

  it('refuses a year that cannot be written with four digits', () => {
    expect(() => addDaysToIsoDate('9999-12-31', 1)).toThrow(RangeError);
  });

  it.each(['Pacific/Kiritimati', 'America/Adak', 'Europe/London', 'Australia/Lord_Howe'])(
    'gives the same answers when the host time zone is %s',
    (zone) => {
      const original = process.env['TZ'];
      process.env['TZ'] = zone;
      try {
        expect(addDaysToIsoDate('2024-03-30', 2)).toBe('2024-04-01'); // spans DST changes
        expect(addDaysToIsoDate('2024-10-26', 2)).toBe('2024-10-28');
        expect(weekdayOf(2024, 3, 31)).toBe(0);
      } finally {
        if (original === undefined) delete process.env['TZ'];
        else process.env['TZ'] = original;
      }
    },
  );
});
