import type { Granularity } from '@resonance/contracts';
import { eachDay, monthStart, weekStart } from '../../common/time/dates.js';
import { offsetMinutes } from '../../common/time/time-zones.js';

/** UTC instant (ISO) of local midnight starting `date` in `tz`. */
export function localMidnight(date: string, tz: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`);
  let t = guess - offsetMinutes(tz, new Date(guess)) * 60_000;
  t = guess - offsetMinutes(tz, new Date(t)) * 60_000;
  return new Date(t).toISOString();
}

/** Day, week (Monday) and month buckets of a date range, in order, each once. */
export function dateBuckets(granularity: Exclude<Granularity, 'hour'>, from: string, to: string): string[] {
  const days = eachDay(from, to);
  if (granularity === 'day') return days;
  const key = granularity === 'week' ? weekStart : monthStart;
  return [...new Set(days.map(key))];
}
