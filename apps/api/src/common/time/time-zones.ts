/** IANA time-zone checks with Intl (the same database PostgreSQL uses for AT TIME ZONE). */

/** The canonical name of a valid IANA zone (e.g. "utc" → "UTC"), or null when Intl does not know it. */
export function canonicalTimeZone(tz: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(tz)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** UTC offset in minutes of `tz` at an instant. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function offsetMinutes(tz: string, at: Date): number {
  let formatter = formatters.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    formatters.set(tz, formatter);
  }
  const name = formatter.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -minutes : minutes;
}

/**
 * Whether the zone has an offset that is not a whole number of hours anywhere in the range
 * (India +05:30, Nepal +05:45, Newfoundland −03:30, …). Sampled daily: offsets change at most
 * a couple of times a year.
 */
export function hasSubHourOffset(tz: string, from: string, to: string): boolean {
  const start = Date.parse(`${from}T12:00:00Z`);
  const end = Date.parse(`${to}T12:00:00Z`);
  for (let t = start; t <= end; t += 86_400_000) {
    if (offsetMinutes(tz, new Date(t)) % 60 !== 0) return true;
  }
  return offsetMinutes(tz, new Date(end)) % 60 !== 0;
}
