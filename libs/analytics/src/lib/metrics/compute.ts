import type { EventType } from '@resonance/contracts';
import { DEFAULT_ENGAGEMENT_TYPES, normaliseEngagementTypes } from './definitions.js';

/** Metrics computable from event counts. Reach is absent: it needs distinct members, not counts. */
export interface ComputedMetrics {
  impressions: number;
  engagements: number;
  clicks: number;
  shares: number;
  videoViews: number;
  videoCompletions: number;
  resourceClicks: number;
  /** engagements / impressions; null when there are no impressions. */
  engagementRate: number | null;
  /** clicks / impressions; null when there are no impressions. */
  clickThroughRate: number | null;
  /** shares / impressions; null when there are no impressions. */
  shareRate: number | null;
  /** video completions / video views; null when there are no video views. */
  videoCompletionRate: number | null;
}

export interface ComputeMetricsOptions {
  engagementTypes?: readonly EventType[];
}

/** A fraction 0–1; null (not 0, not NaN) when there is nothing to divide by. */
function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Counts and rates from per-event-type totals (missing types count as 0).
 * Throws RangeError for negative or non-finite counts, which would otherwise produce rates
 * outside 0–1 without anyone noticing.
 */
export function computeMetrics(
  counts: Partial<Record<EventType, number>>,
  options: ComputeMetricsOptions = {},
): ComputedMetrics {
  for (const [type, value] of Object.entries(counts)) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`counts.${type} must be a finite number >= 0; got ${value}`);
    }
  }
  const count = (type: EventType): number => counts[type] ?? 0;
  const engagementTypes = normaliseEngagementTypes(options.engagementTypes ?? DEFAULT_ENGAGEMENT_TYPES);

  const impressions = count('impression');
  const engagements = engagementTypes.reduce((sum, type) => sum + count(type), 0);
  const clicks = count('click');
  const shares = count('share');
  const videoViews = count('video_view');
  const videoCompletions = count('video_complete');
  return {
    impressions,
    engagements,
    clicks,
    shares,
    videoViews,
    videoCompletions,
    resourceClicks: count('resource_click'),
    engagementRate: rate(engagements, impressions),
    clickThroughRate: rate(clicks, impressions),
    shareRate: rate(shares, impressions),
    videoCompletionRate: rate(videoCompletions, videoViews),
  };
}
