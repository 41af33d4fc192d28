/**
 * Calendar-date arithmetic on plain 'YYYY-MM-DD' strings.
 *
 * Everything goes through whole days counted from 1970-01-01 in UTC, so the
 * host time zone and daylight-saving changes can never move a date by a day.
 */

/** A calendar date written 'YYYY-MM-DD' (4-digit year, no time, no zone). */
export type IsoDate = string;

/** Inclusive range of calendar dates. */
export interface ObservanceDateRange {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export interface CalendarDay {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const MIN_CALENDAR_YEAR = 1;
export const MAX_CALENDAR_YEAR = 9999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  const length = MONTH_LENGTHS[month - 1];
  if (length === undefined) throw new RangeError(`month must be an integer 1–12, got ${month}`);
  return length;
}

/** Days since 1970-01-01 (UTC) of a calendar day; month/day may overflow like Date.UTC. */
export function toEpochDay(year: number, month: number, day: number): number {
  // setUTCFullYear, unlike Date.UTC, does not turn years 0–99 into 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): CalendarDay {
  const date = new Date(epochDay * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function formatIsoDate({ year, month, day }: CalendarDay): IsoDate {
  if (year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw new RangeError(`year ${year} cannot be written as YYYY-MM-DD`);
  }
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Parses a real calendar date, or returns undefined (e.g. '2023-02-29', '2024-1-5'). */
export function tryParseIsoDate(value: string): CalendarDay | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_CALENDAR_YEAR || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function parseIsoDate(value: string, label = 'date'): CalendarDay {
  const parsed = tryParseIsoDate(value);
  if (!parsed) throw new RangeError(`${label} must be a real calendar date written YYYY-MM-DD, got "${value}"`);
  return parsed;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && tryParseIsoDate(value) !== undefined;
}

/** Normalises overflowing month/day (e.g. 32 January → 1 February) into 'YYYY-MM-DD'. */
export function isoDateOf(year: number, month: number, day: number): IsoDate {
  return formatIsoDate(fromEpochDay(toEpochDay(year, month, day)));
}

export function addDaysToIsoDate(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  return isoDateOf(year, month, day + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetweenIsoDates(from: IsoDate, to: IsoDate): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  return toEpochDay(b.year, b.month, b.day) - toEpochDay(a.year, a.month, a.day);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(year: number, month: number, day: number): number {
  // 1970-01-01 was a Thursday (4); the double modulo keeps pre-1970 days positive.
  return (((toEpochDay(year, month, day) + 4) % 7) + 7) % 7;
}
