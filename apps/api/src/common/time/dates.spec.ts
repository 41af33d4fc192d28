import { addDays, dayNumber, eachDay, monthStart, previousPeriod, spanDays, weekStart } from './dates.js';
import { canonicalTimeZone, hasSubHourOffset, offsetMinutes } from './time-zones.js';
import { localMidnight } from '../../analytics/engine/time-axis.js';

describe('dates', () => {
  it.each([
    ['2026-02-29', null],
    ['2028-02-29', 'valid'],
    ['2026-13-01', null],
    ['26-01-01', null],
  ])('dayNumber(%s)', (date, expected) => {
    expect(dayNumber(date) === null ? null : 'valid').toBe(expected);
  });

  it.each([
    ['2026-03-01', '2026-03-31', { from: '2026-01-29', to: '2026-02-28' }],
    ['2026-03-03', '2026-03-03', { from: '2026-03-02', to: '2026-03-02' }],
    ['2026-01-01', '2026-01-07', { from: '2025-12-25', to: '2025-12-31' }],
  ])('previousPeriod(%s, %s) has the same length and ends the day before', (from, to, expected) => {
    expect(previousPeriod(from, to)).toEqual(expected);
    expect(spanDays(expected.from, expected.to)).toBe(spanDays(from, to));
  });

  it.each([
    ['2026-03-01', '2026-02-23'], // Sunday → the Monday before
    ['2026-03-02', '2026-03-02'],
    ['2026-03-08', '2026-03-02'],
  ])('weekStart(%s) = %s', (date, monday) => {
    expect(weekStart(date)).toBe(monday);
  });

  it('eachDay, addDays and monthStart', () => {
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(monthStart('2026-03-17')).toBe('2026-03-01');
  });
});

describe('time zones', () => {
  it.each([
    ['Europe/Berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['Mars/Olympus', null],
    ["UTC'; DROP TABLE events; --", null],
  ])('canonicalTimeZone(%s)', (tz, expected) => {
    expect(canonicalTimeZone(tz)).toBe(expected);
  });

  it.each([
    ['Europe/Berlin', '2026-03-11T12:00:00Z', 60],
    ['Europe/Berlin', '2026-07-01T12:00:00Z', 120],
    ['Asia/Kolkata', '2026-03-11T12:00:00Z', 330],
    ['America/St_Johns', '2026-01-11T12:00:00Z', -210],
  ])('offsetMinutes(%s, %s) = %d', (tz, at, minutes) => {
    expect(offsetMinutes(tz, new Date(at))).toBe(minutes);
  });

  it('flags :30/:45 offsets (day edges approximated to the hour) and not whole-hour zones', () => {
    expect(hasSubHourOffset('Asia/Kolkata', '2026-03-01', '2026-03-02')).toBe(true);
    expect(hasSubHourOffset('Asia/Kathmandu', '2026-03-01', '2026-03-01')).toBe(true);
    expect(hasSubHourOffset('Europe/Berlin', '2026-03-01', '2026-04-30')).toBe(false);
  });

  it.each([
    ['2026-03-11', 'Europe/Berlin', '2026-03-10T23:00:00.000Z'],
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'], // DST starts at 02:00 that day
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-03-11', 'Asia/Kolkata', '2026-03-10T18:30:00.000Z'],
  ])('localMidnight(%s, %s) = %s', (date, tz, instant) => {
    expect(localMidnight(date, tz)).toBe(instant);
  });
});
