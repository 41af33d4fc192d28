/** Calendar-date helpers on `YYYY-MM-DD` strings (no time zone involved: these are local dates). */

import { addDaysToIsoDate } from '@resonance/analytics';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a valid date string, or null when it is not a real calendar date. */
export function dayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The one calendar-day arithmetic of the project lives in @resonance/analytics (shared with the dashboard). */
export const addDays: (date: string, days: number) => string = addDaysToIsoDate;

/** Inclusive number of days from `from` to `to`. */
export function spanDays(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null) throw new RangeError(`not a date: ${from} or ${to}`);
  return b - a + 1;
}

/** The previous period of equal length, ending the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = spanDays(from, to);
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/** Every date from…to inclusive. */
export function eachDay(from: string, to: string): string[] {
  const a = dayNumber(from) ?? 0;
  const b = dayNumber(to) ?? -1;
  const out: string[] = [];
  for (let n = a; n <= b; n++) out.push(fromDayNumber(n));
  return out;
}

/** Monday of the ISO week containing `date` (PostgreSQL date_trunc('week') agrees). */
export function weekStart(date: string): string {
  const n = dayNumber(date) ?? 0;
  const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
  return fromDayNumber(n - weekday);
}

export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** Today's date in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
