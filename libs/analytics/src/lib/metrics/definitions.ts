// Type-only import: the library has no runtime dependency, and the Record below fails to
// compile if contracts adds or removes an event type.
import type { AnalyticsMetricId, EventType } from '@resonance/contracts';

/** Every metric Resonance reports: the ids are stated once, in @resonance/contracts (ANALYTICS_METRIC_IDS). */
export type MetricId = AnalyticsMetricId;

/** count: summed events; rate: a fraction 0–1 of two counts; distinct: distinct members (not additive). */
export type MetricKind = 'count' | 'rate' | 'distinct';

export interface MetricDefinition {
  id: MetricId;
  label: string;
  kind: MetricKind;
  /** Plain-language definition shown next to the figure; rates always state their denominator. */
  description: string;
  /** Event types counted (for a rate: its numerator; for reach: events that count as reached). */
  numerator?: readonly EventType[];
  /** Event types in a rate's denominator. */
  denominator?: readonly EventType[];
  /** Whether values may be summed across days, segments, platforms or creatives. */
  additive: boolean;
}

/** Engagements by default: like + comment + share + save + click. Organisations may choose another set. */
export const DEFAULT_ENGAGEMENT_TYPES: readonly EventType[] = ['like', 'comment', 'share', 'save', 'click'];

const PLURAL: Record<EventType, string> = {
  impression: 'impressions',
  view: 'views',
  like: 'likes',
  comment: 'comments',
  share: 'shares',
  save: 'saves',
  click: 'clicks',
  video_view: 'video views',
  video_complete: 'video completions',
  follow: 'follows',
  resource_click: 'resource clicks',
};

/** Every event type, in contract order (derived from the exhaustive PLURAL record). */
const ALL_EVENT_TYPES = Object.keys(PLURAL) as EventType[];

/** "likes + comments + shares + saves + clicks": how the UI states the engagement set in use. */
export function describeEngagementTypes(types: readonly EventType[]): string {
  return types.map((t) => PLURAL[t]).join(' + ');
}

/**
 * Checks and de-duplicates an engagement set (a duplicate would count the same event twice).
 * Impressions are refused: engagement rate divides by them, so they cannot also be engagements.
 */
export function normaliseEngagementTypes(types: readonly EventType[]): EventType[] {
  const unique = [...new Set(types)];
  for (const t of unique) {
    if (!ALL_EVENT_TYPES.includes(t)) {
      throw new RangeError(`engagementTypes must contain only ${ALL_EVENT_TYPES.join(', ')}; got ${String(t)}`);
    }
  }
  if (unique.includes('impression')) {
    throw new RangeError('engagementTypes must not include impression (it is the engagement-rate denominator)');
  }
  if (unique.length === 0) throw new RangeError('engagementTypes must contain at least one event type');
  return unique;
}

/** Metric definitions for a given engagement set (labels and descriptions state the set). */
export function getMetricDefinitions(
  engagementTypes: readonly EventType[] = DEFAULT_ENGAGEMENT_TYPES,
): Readonly<Record<MetricId, MetricDefinition>> {
  const engagement = normaliseEngagementTypes(engagementTypes);
  const engagementSum = describeEngagementTypes(engagement);
  return {
    impressions: {
      id: 'impressions',
      label: 'Impressions',
      kind: 'count',
      description: 'Times a creative was shown. One person can see it many times.',
      numerator: ['impression'],
      additive: true,
    },
    reach: {
      id: 'reach',
      label: 'Reach',
      kind: 'distinct',
      description:
        'Distinct people reached: members with at least one recorded event. A person counts once however ' +
        'often they saw the content, so reach is never added up across days, segments, platforms or ' +
        'creatives: the total is de-duplicated and rows do not add up to it.',
      numerator: ALL_EVENT_TYPES,
      additive: false,
    },
    engagements: {
      id: 'engagements',
      label: 'Engagements',
      kind: 'count',
      description: `Engagements = ${engagementSum}.`,
      numerator: engagement,
      additive: true,
    },
    engagementRate: {
      id: 'engagementRate',
      label: 'Engagement rate',
      kind: 'rate',
      description: `Engagements (${engagementSum}) divided by impressions.`,
      numerator: engagement,
      denominator: ['impression'],
      additive: false,
    },
    clicks: {
      id: 'clicks',
      label: 'Clicks',
      kind: 'count',
      description: 'Clicks on the creative or its link.',
      numerator: ['click'],
      additive: true,
    },
    clickThroughRate: {
      id: 'clickThroughRate',
      label: 'Click-through rate',
      kind: 'rate',
      description: 'Clicks divided by impressions.',
      numerator: ['click'],
      denominator: ['impression'],
      additive: false,
    },
    shares: {
      id: 'shares',
      label: 'Shares',
      kind: 'count',
      description: 'Times people shared the creative.',
      numerator: ['share'],
      additive: true,
    },
    shareRate: {
      id: 'shareRate',
      label: 'Share rate',
      kind: 'rate',
      description: 'Shares divided by impressions.',
      numerator: ['share'],
      denominator: ['impression'],
      additive: false,
    },
    videoViews: {
      id: 'videoViews',
      label: 'Video views',
      kind: 'count',
      description: 'Times a video started playing.',
      numerator: ['video_view'],
      additive: true,
    },
    videoCompletions: {
      id: 'videoCompletions',
      label: 'Video completions',
      kind: 'count',
      description: 'Times a video was watched to the end.',
      numerator: ['video_complete'],
      additive: true,
    },
    videoCompletionRate: {
      id: 'videoCompletionRate',
      label: 'Video completion rate',
      kind: 'rate',
      description: 'Video completions divided by video views (not by impressions).',
      numerator: ['video_complete'],
      denominator: ['video_view'],
      additive: false,
    },
    resourceClicks: {
      id: 'resourceClicks',
      label: 'Resource clicks',
      kind: 'count',
      description:
        'Clicks through to a support resource (helpline, self-help page): the conversion an awareness campaign ' +
        'is for.',
      numerator: ['resource_click'],
      additive: true,
    },
  };
}

/** Definitions with the default engagement set. */
export const METRIC_DEFINITIONS: Readonly<Record<MetricId, MetricDefinition>> = getMetricDefinitions();
