import type { Annotation } from '@resonance/contracts';

/** An annotation placed on a time chart's category axis (bucket labels). */
export interface PlacedAnnotation {
  id: string;
  kind: Annotation['kind'];
  text: string;
  /** "12 May 2026" or "1 May 2026 – 31 May 2026", for labels and the list under the chart. */
  dates: string;
  /** First and last bucket label it covers; equal for a mark on one bucket (a line, not an area). */
  x1: string;
  x2: string;
  single: boolean;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

function formatDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : dayFormat.format(d);
}

export function annotationDates(a: Pick<Annotation, 'startsOn' | 'endsOn'>): string {
  return a.startsOn === a.endsOn ? formatDay(a.startsOn) : `${formatDay(a.startsOn)} – ${formatDay(a.endsOn)}`;
}

/** The date a bucket label starts on: `2026-05-04` (day, week, month) or `2026-05-04T13:00` (hour). */
function bucketDate(label: string): string {
  return label.slice(0, 10);
}

/** Index of the bucket a date falls in: the last bucket starting on or before it (the first hour of a day). */
function bucketIndex(dates: readonly string[], date: string, edge: 'start' | 'end'): number {
  let i = -1;
  for (let j = 0; j < dates.length && (dates[j] ?? '') <= date; j++) i = j;
  if (edge === 'start' && i >= 0) while (i > 0 && dates[i - 1] === dates[i]) i--;
  return i;
}

/**
 * Places annotations on a chart whose x axis is `buckets` (labels in order) covering `range`:
 * each covers the buckets its dates fall in, clipped to the chart; those outside the range are left out.
 */
export function placeAnnotations(
  annotations: readonly Annotation[],
  buckets: readonly string[],
  range: { from: string; to: string },
): PlacedAnnotation[] {
  const dates = buckets.map(bucketDate);
  const first = buckets[0];
  if (first === undefined) return [];
  const placed: PlacedAnnotation[] = [];
  for (const a of annotations) {
    if (a.endsOn < range.from || a.startsOn > range.to) continue;
    const start = Math.max(0, bucketIndex(dates, a.startsOn, 'start'));
    const end = bucketIndex(dates, a.endsOn, 'end');
    if (end < 0) continue;
    const x1 = buckets[start] ?? first;
    const x2 = buckets[Math.max(start, end)] ?? x1;
    placed.push({ id: a.id, kind: a.kind, text: a.text, dates: annotationDates(a), x1, x2, single: x1 === x2 });
  }
  return placed;
}
