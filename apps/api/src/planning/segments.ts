import {
  coarsenAgeBand,
  suppressList,
  toWireRate,
  wilsonInterval,
  type CoarseAgeBand,
  COARSE_AGE_BANDS,
} from '@resonance/analytics';
import {
  AGE_BANDS,
  PLANNING_SEGMENTS,
  type AgeBand,
  type PlanningCount,
  type PlanningRate,
  type PlanningSegment,
  type PlanningSegmentId,
  type PlanningSuppressed,
} from '@resonance/contracts';
import { invalidQuery } from './planning.errors.js';

export type BandCounts = Map<CoarseAgeBand, number>;

/** Coarse bands of each segment; empty = everyone. */
function bandsOf(id: PlanningSegmentId): readonly CoarseAgeBand[] {
  const segment = PLANNING_SEGMENTS.find((s) => s.id === id);
  const reported: readonly string[] = segment?.ageBands ?? [];
  return [
    ...new Set(reported.filter((b): b is AgeBand => (AGE_BANDS as readonly string[]).includes(b)).map(coarsenAgeBand)),
  ];
}

export function parseSegments(raw: string | undefined, fallback: readonly PlanningSegmentId[]): PlanningSegment[] {
  const ids = raw === undefined || raw.trim() === '' ? fallback : raw.split(',').map((s) => s.trim());
  const known = PLANNING_SEGMENTS.map((s) => s.id as string);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    throw invalidQuery(
      'segment',
      `must be a comma-separated list of ${known.join(', ')} (unknown: ${unknown.join(', ')})`,
    );
  }
  return [...new Set(ids)].map((id) => {
    const segment = PLANNING_SEGMENTS.find((s) => s.id === id);
    return { id: id as PlanningSegmentId, label: segment?.label ?? id };
  });
}

export function addBand(target: BandCounts, band: string, value: number): void {
  const coarse = (AGE_BANDS as readonly string[]).includes(band) ? coarsenAgeBand(band as AgeBand) : 'unknown';
  target.set(coarse, (target.get(coarse) ?? 0) + value);
}

export function sumBands(counts: BandCounts, id: PlanningSegmentId): number {
  const bands = bandsOf(id);
  let sum = 0;
  for (const [band, value] of counts) if (bands.length === 0 || bands.includes(band)) sum += value;
  return sum;
}

/**
 * Wire counts per segment. Segments overlap (everyone ⊃ Gen Z ⊃ 18–24), so suppression runs on
 * the disjoint coarse age bands with everyone as the list total (complementary suppression:
 * a hidden band always has a hidden partner), and a segment that contains a hidden band is hidden
 * too, so no difference of two visible segments gives a hidden band back.
 */
export function segmentWireCounts(
  counts: BandCounts,
  segments: readonly PlanningSegment[],
  threshold: number,
): Map<PlanningSegmentId, PlanningCount> {
  const bandValues = COARSE_AGE_BANDS.map((b) => counts.get(b) ?? 0);
  const total = bandValues.reduce((a, b) => a + b, 0);
  const listed = suppressList({ counts: bandValues, total, threshold });
  const hidden = new Set<CoarseAgeBand>(COARSE_AGE_BANDS.filter((_b, i) => typeof listed.values[i] === 'object'));
  const out = new Map<PlanningSegmentId, PlanningCount>();
  for (const segment of segments) {
    const bands = bandsOf(segment.id);
    if (bands.length === 0) {
      out.set(segment.id, listed.total ?? { suppressed: true });
      continue;
    }
    const value = sumBands(counts, segment.id);
    const containsHidden = bands.some((b) => hidden.has(b));
    out.set(segment.id, containsHidden || (value > 0 && value < threshold) ? { suppressed: true } : value);
  }
  return out;
}

export function isHidden(value: unknown): value is PlanningSuppressed {
  return typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

/** Rate with its Wilson 95% interval, hidden when either count is. */
export function wireRate(
  engagements: number,
  impressions: number,
  wire: readonly PlanningCount[],
): PlanningRate | PlanningSuppressed {
  const hidden = toWireRate(null, wire);
  if (isHidden(hidden)) return { suppressed: true };
  // Engagements can exceed impressions in platform exports (several per view); cap for the interval.
  const interval = wilsonInterval(Math.min(engagements, impressions), impressions);
  return impressions === 0
    ? { estimate: null, lower: null, upper: null }
    : { estimate: engagements / impressions, lower: interval.lower, upper: interval.upper };
}
