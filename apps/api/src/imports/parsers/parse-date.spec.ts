import { detectDateOrder, parseDate } from './parse-date.js';

describe('parseDate', () => {
  it.each([
    ['2026-05-01', 'mdy', '2026-05-01'],
    ['2026/5/1', 'mdy', '2026-05-01'],
    ['05/01/2026', 'mdy', '2026-05-01'],
    ['05/01/2026', 'dmy', '2026-01-05'],
    ['5/1/26', 'mdy', '2026-05-01'],
    ['05/01/2026 09:23', 'mdy', '2026-05-01'],
    ['5/1/2026 9:23 PM', 'mdy', '2026-05-01'],
    ['14/05/2026', 'dmy', '2026-05-14'],
    ['14.05.2026', 'mdy', '2026-05-14'],
    ['Fri, May 01, 2026', 'mdy', '2026-05-01'],
    ['Friday, May 1, 2026', 'mdy', '2026-05-01'],
    ['May 1, 2026', 'mdy', '2026-05-01'],
    ['Sept 3rd, 2026', 'mdy', '2026-09-03'],
    ['1 May 2026', 'mdy', '2026-05-01'],
    ['01-May-2026', 'mdy', '2026-05-01'],
    // ISO datetimes (X): the calendar date as written, no time-zone shift.
    ['2026-05-01T10:00:00Z', 'mdy', '2026-05-01'],
    ['2026-05-01T23:30:00.000-05:00', 'mdy', '2026-05-01'],
    ['2026-05-01 10:00 +0000', 'mdy', '2026-05-01'],
    // Excel day serial.
    ['46143', 'mdy', '2026-05-01'],
  ] as const)('reads %j (%s) as %s', (raw, order, date) => {
    expect(parseDate(raw, order)).toBe(date);
  });

  it.each([
    ['', 'mdy'],
    ['Lifetime', 'mdy'],
    ['2026-02-30', 'mdy'],
    ['13/05/2026', 'mdy'],
    ['05/13/2026', 'dmy'],
    ['Someday, 2026', 'mdy'],
    ['Fri, Mai 01, 2026', 'mdy'],
    ['12345', 'mdy'],
  ] as const)('refuses %j (%s)', (raw, order) => {
    expect(parseDate(raw, order)).toBeNull();
  });
});

describe('detectDateOrder', () => {
  it.each([
    ['US dates with a day over 12', ['05/01/2026', '05/13/2026'], 'mdy'],
    ['day-first dates with a day over 12', ['01/05/2026', '13/05/2026 09:00'], 'dmy'],
    ['no day over 12: read as US', ['01/05/2026', '02/05/2026'], 'mdy'],
    ['contradictory values: US, so the odd ones become row errors', ['13/05/2026', '05/13/2026'], 'mdy'],
    ['no slash dates', ['2026-05-01', 'Fri, May 01, 2026'], 'mdy'],
  ])('%s', (_name, values, order) => {
    expect(detectDateOrder(values)).toBe(order);
  });
});
