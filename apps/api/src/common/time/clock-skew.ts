/**
 * How far ahead of the server's clock a timestamp may be: senders' clocks drift, but an event
 * from the future is a bug (or a typo such as 2999) that would sit in every "last 30 days" view.
 */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;
export const CLOCK_SKEW_RULE = 'at most 10 minutes ahead of the server clock';

/** The latest instant accepted at `nowMs`. */
export function latestAcceptedInstant(nowMs: number = Date.now()): number {
  return nowMs + MAX_CLOCK_SKEW_MS;
}

/**
 * The latest calendar date ('YYYY-MM-DD') accepted at `nowMs` for day-grained rows (exports):
 * today somewhere on Earth, i.e. the date at UTC+14, plus the skew allowance.
 */
export function latestAcceptedDay(nowMs: number = Date.now()): string {
  return new Date(nowMs + 14 * 3_600_000 + MAX_CLOCK_SKEW_MS).toISOString().slice(0, 10);
}
