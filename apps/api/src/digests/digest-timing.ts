import { createHash } from 'node:crypto';
import type { DigestFrequency } from '@resonance/contracts';
import { addDays, todayIn } from '../common/time/dates.js';
import { offsetMinutes } from '../common/time/time-zones.js';

/** Digests go out at this local hour. */
export const DIGEST_LOCAL_HOUR = 8;

/** The instant of a local date and hour in a time zone (offset taken at that moment). */
export function localInstant(date: string, hour: number, timeZone: string): Date {
  const naive = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
  const first = naive - offsetMinutes(timeZone, new Date(naive)) * 60_000;
  // Re-read the offset at the result, so a daylight-saving change in between is honoured.
  return new Date(naive - offsetMinutes(timeZone, new Date(first)) * 60_000);
}

/**
 * The first send time strictly after `after`: Monday (weekly) or the 1st of the month (monthly) at
 * 08:00 in the organisation's time zone. A digest missed while the app was down is sent once, and
 * the next one is counted from then, never replayed per missed week.
 */
export function nextRunAt(frequency: DigestFrequency, timeZone: string, after: Date): Date {
  let day = todayIn(timeZone, after);
  for (let i = 0; i < 62; i++) {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    const matches = frequency === 'weekly' ? weekday === 1 : d === 1;
    if (matches) {
      const at = localInstant(day, DIGEST_LOCAL_HOUR, timeZone);
      if (at.getTime() > after.getTime()) return at;
    }
    day = addDays(day, 1);
  }
  throw new Error(`no ${frequency} send time found after ${after.toISOString()}`);
}

/** One id per (schedule, due time): the queue job and the delivery row share it, so re-dispatching is a no-op. */
export function deliveryId(scheduleId: string, dueAt: Date): string {
  const hex = createHash('sha256').update(`${scheduleId}:${dueAt.toISOString()}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
