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
  COUNT_METRIC_IDS,
  type AgeBand,
  type CountMetricId,
  type PlanningCount,
  type PlanningRate,
  type PlanningSegment,
  type PlanningSegmentId,
  type SuppressedValue,
} from '@resonance/contracts';
import { publishCounts, type DisclosurePolicy } from '../analytics/engine/suppression.js';
import type { CellVector } from '../analytics/engine/cell-key.js';
import { invalidQuery } from './planning.errors.js';

export type BandCounts = Map<CoarseAgeBand, number>;
/** Every count metric per coarse band: what a segment's cell key is computed from. */
export type BandVectors = Map<CoarseAgeBand, Record<CountMetricId, number>>;

export function addBandVector(
  target: BandVectors,
  band: string,
  vector: Readonly<Record<CountMetricId, number>>,
): void {
  const coarse = (AGE_BANDS as readonly string[]).includes(band) ? coarsenAgeBand(band as AgeBand) : 'unknown';
  const into =
    target.get(coarse) ?? (Object.fromEntries(COUNT_METRIC_IDS.map((id) => [id, 0])) as Record<CountMetricId, number>);
  for (const id of COUNT_METRIC_IDS) into[id] += vector[id];
  target.set(coarse, into);
}

/** The exact count vector of a segment: the sum of its bands' (everyone = every band). */
export function segmentVector(vectors: BandVectors, id: PlanningSegmentId): CellVector {
  const bands = bandsOf(id);
  const out = Object.fromEntries(COUNT_METRIC_IDS.map((m) => [m, 0])) as Record<CountMetricId, number>;
  for (const [band, vector] of vectors) {
    if (bands.length > 0 && !bands.includes(band)) continue;
    for (const m of COUNT_METRIC_IDS) out[m] += vector[m];
  }
  return out;
}

export interface PublishedSegmentCounts {
  impressions: PlanningCount;
  engagements: PlanningCount;
}

/**
 * Published impressions and engagements per segment: suppression (segmentWireCounts), then the
 * same cell-key perturbation as every analytics figure, keyed by the segment's full count vector,
 * so a planning figure of the same records as an analytics figure reads the same.
 */
export function publishSegmentCounts(
  vectors: BandVectors,
  segments: readonly PlanningSegment[],
  policy: DisclosurePolicy,
): Map<PlanningSegmentId, PublishedSegmentCounts> {
  const band = (id: CountMetricId): BandCounts => new Map([...vectors].map(([b, v]) => [b, v[id]]));
  const impressions = segmentWireCounts(band('impressions'), segments, policy.threshold);
  const engagements = segmentWireCounts(band('engagements'), segments, policy.threshold);
  const out = new Map<PlanningSegmentId, PublishedSegmentCounts>();
  for (const segment of segments) {
    const published = publishCounts(policy, segmentVector(vectors, segment.id), {
      impressions: impressions.get(segment.id) ?? { suppressed: true },
      engagements: engagements.get(segment.id) ?? { suppressed: true },
    });
    out.set(segment.id, {
      impressions: published.impressions ?? { suppressed: true },
      engagements: published.engagements ?? { suppressed: true },
    });
  }
  return out;
}

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

export function isHidden(value: unknown): value is SuppressedValue {
  return typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

/** Rate with its Wilson 95% interval from the published counts, hidden when either count is. */
export function wireRate(published: PublishedSegmentCounts): PlanningRate | SuppressedValue {
  const hidden = toWireRate(null, [published.impressions, published.engagements]);
  if (isHidden(hidden) || isHidden(published.impressions) || isHidden(published.engagements)) {
    return { suppressed: true };
  }
  const impressions = published.impressions;
  const engagements = published.engagements;
  // Engagements can exceed impressions in platform exports (several per view); cap for the interval.
  const interval = wilsonInterval(Math.min(engagements, impressions), impressions);
  return impressions === 0
    ? { estimate: null, lower: null, upper: null }
    : { estimate: engagements / impressions, lower: interval.lower, upper: interval.upper };
}
