import type { Locale } from './numbers';

/** Calendar days (YYYY-MM-DD) are read at UTC midnight and formatted in UTC, so they never drift a day. */
function utcDay(isoDate: string): Date | null {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return null;
  return new Date(Date.UTC(y, m - 1, d));
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** An ISO timestamp in the reader's locale and time zone; '—' for null. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** An ISO calendar date (YYYY-MM-DD) as a readable date, without shifting it by the time zone; '—' for null. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}

/** "1 May 2026" from "2026-05-01" without time-zone drift. */
export function formatDay(isoDate: string): string {
  const day = utcDay(isoDate);
  if (!day) return isoDate;
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(day);
}

/** "1 May" for axis ticks (with the hour for hourly buckets). */
export function formatShortDay(isoDate: string): string {
  const day = utcDay(isoDate);
  if (!day) return isoDate;
  const hour = isoDate.length > 10 ? ` ${isoDate.slice(11, 16)}` : '';
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(day) + hour;
}

/** "1 May – 31 May 2026" */
export function formatRange(from: string, to: string): string {
  return `${formatDay(from)} – ${formatDay(to)}`;
}

/** "10 Oct 2027" or "1–31 May 2027" (the reader's locale, dates read as calendar days). */
export function formatDateRange(startsOn: string, endsOn: string, locale?: Locale): string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const start = new Date(`${startsOn}T00:00:00Z`);
  if (startsOn === endsOn) return format.format(start);
  return format.formatRange(start, new Date(`${endsOn}T00:00:00Z`));
}
