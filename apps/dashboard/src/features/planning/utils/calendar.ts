import type { ObservanceOccurrence } from '@resonance/contracts';

const DAY_MS = 86_400_000;

function isoToTime(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

/** Whole days from a to b ('YYYY-MM-DD'), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((isoToTime(b) - isoToTime(a)) / DAY_MS);
}

/** Today as 'YYYY-MM-DD' in UTC, matching the API's default `from`. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function durationDays(occurrence: Pick<ObservanceOccurrence, 'startsOn' | 'endsOn'>): number {
  return daysBetween(occurrence.startsOn, occurrence.endsOn) + 1;
}

export interface MonthBucket {
  /** 'YYYY-MM' */
  key: string;
  year: number;
  /** 1–12 */
  month: number;
  items: { occurrence: ObservanceOccurrence; continued: boolean }[];
}

function monthKey(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * The months from `from` on, each with the occurrences overlapping it, in start order. An
 * occurrence that spans months appears in each (`continued` after its first month).
 */
export function groupByMonth(
  occurrences: readonly ObservanceOccurrence[],
  from: string,
  months: number,
): MonthBucket[] {
  const startYear = Number(from.slice(0, 4));
  const startMonth = Number(from.slice(5, 7));
  const buckets: MonthBucket[] = [];
  for (let i = 0; i < months; i++) {
    const index = startYear * 12 + (startMonth - 1) + i;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    buckets.push({ key: monthKey(year, month), year, month, items: [] });
  }
  const sorted = [...occurrences].sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.name.localeCompare(b.name));
  for (const occurrence of sorted) {
    const firstKey = occurrence.startsOn.slice(0, 7);
    const lastKey = occurrence.endsOn.slice(0, 7);
    for (const bucket of buckets) {
      if (bucket.key < firstKey || bucket.key > lastKey) continue;
      bucket.items.push({ occurrence, continued: bucket.key !== firstKey });
    }
  }
  return buckets;
}

export interface NextUp {
  occurrence: ObservanceOccurrence;
  /** 0 when it starts today. */
  daysUntil: number;
}

/** The first occurrence starting today or later (ties by name), or null. */
export function findNextUp(occurrences: readonly ObservanceOccurrence[], today: string): NextUp | null {
  let best: ObservanceOccurrence | null = null;
  for (const o of occurrences) {
    if (o.startsOn < today) continue;
    if (!best || o.startsOn < best.startsOn || (o.startsOn === best.startsOn && o.name < best.name)) best = o;
  }
  return best ? { occurrence: best, daysUntil: daysBetween(today, best.startsOn) } : null;
}

/** Occurrences under way today (started before today, not yet ended). */
export function findOngoing(occurrences: readonly ObservanceOccurrence[], today: string): ObservanceOccurrence[] {
  return occurrences.filter((o) => o.startsOn < today && o.endsOn >= today);
}

/** "today", "tomorrow", "in 12 days". */
export function describeDaysUntil(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${new Intl.NumberFormat().format(days)} days`;
}

/** A stable key for one occurrence (the same observance may occur twice in 12 months). */
export function occurrenceKey(o: Pick<ObservanceOccurrence, 'id' | 'startsOn'>): string {
  return `${o.id}:${o.startsOn}`;
}
