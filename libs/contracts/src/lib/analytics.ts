import type { AgeBand, BreakdownDimension, CreativeFormat, Gender, ListResponse, Platform } from './domain.js';

/**
 * Analytics and segments: the query every analytics route takes and the responses they return.
 *
 * Wire conventions
 * - Counts that could describe fewer people than the organisation's suppression threshold are sent
 *   as `{ suppressed: true }` (shown as "<11"); see `SuppressibleCount`.
 * - Rates are fractions 0–1; `null` when the denominator is 0; suppressed when a count they use is.
 * - Dates are `YYYY-MM-DD` (inclusive ranges, in the query's time zone); instants are ISO-8601 UTC.
 */

/** Every metric the analytics routes return: the one list of metric ids (@resonance/analytics defines each of them). */
export const ANALYTICS_METRIC_IDS = [
  'impressions',
  'reach',
  'engagements',
  'engagementRate',
  'clicks',
  'clickThroughRate',
  'shares',
  'shareRate',
  'videoViews',
  'videoCompletions',
  'videoCompletionRate',
  'resourceClicks',
] as const;
export type AnalyticsMetricId = (typeof ANALYTICS_METRIC_IDS)[number];

/** Count metrics (additive event sums). */
export const COUNT_METRIC_IDS = [
  'impressions',
  'engagements',
  'clicks',
  'shares',
  'videoViews',
  'videoCompletions',
  'resourceClicks',
] as const;
export type CountMetricId = (typeof COUNT_METRIC_IDS)[number];

/** Rate metrics (fractions 0–1; the denominator is stated in the metric definition). */
export const RATE_METRIC_IDS = ['engagementRate', 'clickThroughRate', 'shareRate', 'videoCompletionRate'] as const;
export type RateMetricId = (typeof RATE_METRIC_IDS)[number];

/** A hidden small count. The value never leaves the server. */
export interface SuppressedValue {
  suppressed: true;
}
/** A count as sent: the number, or the suppressed marker. */
export type SuppressibleCount = number | SuppressedValue;
/** A rate as sent: a fraction 0–1, null when the denominator is 0, or suppressed. */
export type SuppressibleRate = number | null | SuppressedValue;
/** Reach as sent: distinct members, suppressed, or null when not derivable for this question (see meta.reach). */
export type SuppressibleReach = number | null | SuppressedValue;

/** Every metric for one cell (a period, a bucket, a breakdown row, a segment). */
export interface MetricSet {
  impressions: SuppressibleCount;
  reach: SuppressibleReach;
  engagements: SuppressibleCount;
  engagementRate: SuppressibleRate;
  clicks: SuppressibleCount;
  clickThroughRate: SuppressibleRate;
  shares: SuppressibleCount;
  shareRate: SuppressibleRate;
  videoViews: SuppressibleCount;
  videoCompletions: SuppressibleCount;
  videoCompletionRate: SuppressibleRate;
  resourceClicks: SuppressibleCount;
}

/**
 * Change from the comparison period to the current one.
 * `absolute` = current − comparison (for rates: a difference of fractions, i.e. percentage points / 100);
 * `relative` = absolute / comparison as a fraction (0.25 = +25 %), null when the comparison value is 0 or null.
 * Suppressed when either side is suppressed; null when either side is null.
 */
export interface MetricDelta {
  absolute: number | null | SuppressedValue;
  relative: number | null | SuppressedValue;
}
export type MetricDeltas = Record<AnalyticsMetricId, MetricDelta>;

// ---------------------------------------------------------------------------------------------
// Query
// ---------------------------------------------------------------------------------------------

export const GRANULARITIES = ['hour', 'day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * `previous`: the period of equal length just before; `yearEarlier`: the same dates a year earlier
 * (29 February compares with 28 February), in the same answer as the period itself.
 */
export const COMPARE_MODES = ['previous', 'yearEarlier'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

/** Longest `from`…`to` span accepted, in days (inclusive). */
export const ANALYTICS_MAX_SPAN_DAYS = 800;

/** Longest span accepted with `granularity=hour`, in days. */
export const ANALYTICS_MAX_HOURLY_SPAN_DAYS = 31;

/**
 * The one query shape of every analytics route (query-string parameters; filters are repeatable:
 * `?platform=tiktok&platform=instagram`). Filters are AND across dimensions, OR within one.
 */
export interface AnalyticsQuery {
  /** Campaign key or id; absent = every campaign of the organisation. */
  campaign?: string;
  /** First day, YYYY-MM-DD, inclusive, in `tz`. */
  from: string;
  /** Last day, YYYY-MM-DD, inclusive, in `tz`. from ≤ to; at most ANALYTICS_MAX_SPAN_DAYS days. */
  to: string;
  /** IANA time zone (e.g. Europe/Berlin); default the organisation's time zone. */
  tz?: string;
  platform?: Platform[];
  ageBand?: AgeBand[];
  gender?: Gender[];
  region?: string[];
  language?: string[];
  /** Creative keys or ids. */
  creative?: string[];
  /**
   * Saved or preset segment ids. On summary/timeseries/breakdown: at most one, used as a filter
   * (its rules are ANDed with the other filters). On /segments, /creatives and /insights: the
   * segments to report (default: the age presets teens, young adults, adults, older adults).
   */
  segment?: string[];
  /** `previous`: also return the previous period of equal length, and deltas; `yearEarlier`: the same dates a year earlier. */
  compare?: CompareMode;
}

export interface TimeseriesQuery extends AnalyticsQuery {
  /** Default `day`. `hour` allows at most ANALYTICS_MAX_HOURLY_SPAN_DAYS days. */
  granularity?: Granularity;
}

export interface BreakdownQuery extends AnalyticsQuery {
  /** One or two dimensions, comma-separated: `ageBand` or `ageBand,gender`. */
  by: string;
}

/** Most one-dimension breakdowns one `GET /analytics/breakdowns` answers. */
export const MAX_BREAKDOWNS_PER_REQUEST = 6;

/**
 * `GET /analytics/breakdowns?each=ageBand,gender,platform,region`: several one-dimension breakdowns of
 * one query in one request, for a page that shows them side by side. Each item is what
 * `/analytics/breakdown?by=<that dimension>` answers (same suppression and perturbation).
 */
export interface BreakdownsQuery extends AnalyticsQuery {
  /** Dimensions, comma-separated, each its own breakdown (not a cross-tab): `ageBand,gender`. */
  each: string;
}

export interface BreakdownsResponse {
  /** One per dimension of `each`, in that order. */
  items: BreakdownResponse[];
}

// ---------------------------------------------------------------------------------------------
// Response metadata
// ---------------------------------------------------------------------------------------------

/** A rollup table analytics reads when the cube does not cover a question. */
export type RollupSource = 'rollup_daily_creative' | 'rollup_daily' | 'rollup_hourly';
/** Where the figures were read from: the analytics cube (per-day counts and reach sketches) or a rollup. */
export type AnalyticsSource = 'cube_daily' | RollupSource;

/** A metric definition as sent (from METRIC_DEFINITIONS in @resonance/analytics). */
export interface MetricDefinitionInfo {
  id: AnalyticsMetricId;
  label: string;
  kind: 'count' | 'rate' | 'distinct';
  description: string;
  numerator?: readonly string[];
  denominator?: readonly string[];
  additive: boolean;
}

export interface CampaignRef {
  id: string;
  key: string;
  name: string;
}

/** The query as the server understood it. */
export interface ResolvedAnalyticsQuery {
  campaign: CampaignRef | null;
  from: string;
  to: string;
  tz: string;
  /** Number of days in from…to. */
  days: number;
  filters: {
    platform?: Platform[];
    ageBand?: AgeBand[];
    gender?: Gender[];
    region?: string[];
    language?: string[];
    /** Resolved creative ids. */
    creative?: string[];
  };
  /** The segment used as a filter, if any. */
  segment: SegmentRef | null;
  /** Present when compare=previous: the previous period of equal length. */
  comparisonPeriod?: { from: string; to: string };
}

export interface SuppressionInfo {
  /** Counts from 1 to threshold − 1 are hidden. */
  threshold: number;
  /** "<11" */
  label: string;
  /** How visible counts are protected against differencing across answers. */
  method: 'cell-key perturbation';
  /** Every published count is within ± this of the true count (and never below the threshold). */
  maxPerturbation: number;
  /** Plain-language statement of the method (also in exports' notes). */
  note: string;
}

export interface ReportedReach {
  /** Grain the platform reported at, e.g. "campaign-period", "creative-period", "day". */
  grain: string;
  periodStart: string;
  periodEnd: string;
  platform: Platform;
  campaignId: string;
  creativeId: string | null;
  /** The audience cell the platform reported reach for, when it broke reach down (absent = all). */
  ageBand?: string;
  gender?: string;
  region?: string;
  reach: SuppressibleCount;
}

export interface ReachInfo {
  /**
   * `exact`: every reach figure is an exact distinct count of member keys. `sketch`: at least one
   * figure counts more than 2,048 people and was estimated from HyperLogLog sketches, with the
   * relative standard error below (figures up to 2,048 people are exact even then).
   */
  method: 'exact' | 'sketch';
  /** For `sketch`: relative standard error of an estimated figure (0.0081 = 0.81%). */
  relativeStandardError?: number;
  /** Why reach is null where it is (e.g. hourly buckets, a time zone other than the organisation's). */
  notDerivable?: string;
  note: string;
  /**
   * Reach figures reported by platform imports that lie inside the query window and match its
   * campaign/platform filters, each at the grain it was reported at. Never summed or combined with
   * member-level reach.
   */
  platformReported: ReportedReach[];
  /** Reported reach figures beyond the ones listed (the list is capped at 200, in key order). */
  platformReportedOmitted?: number;
}

/** Cost metrics (ids as COST_METRIC_IDS in @resonance/analytics). */
export const COST_METRIC_IDS = ['spend', 'cpm', 'costPerClick', 'costPerEngagement', 'costPerResourceClick'] as const;
export type CostMetricId = (typeof COST_METRIC_IDS)[number];

/** A cost metric definition as sent (from COST_METRIC_DEFINITIONS in @resonance/analytics). */
export interface CostMetricDefinitionInfo {
  id: CostMetricId;
  label: string;
  description: string;
  denominator: 'impressions' | 'clicks' | 'engagements' | 'resourceClicks' | null;
  per: number;
  additive: boolean;
}

/**
 * Spend in one currency and the costs computed from it, over the imported rows that carry spend.
 * Money is never added across currencies: an answer lists one of these per currency.
 * Spend is not perturbed (it is money, not people). The counts are those of the rows that carry
 * spend, published like every other count (suppressed below the threshold, cell-key perturbed); a
 * cost is computed from the published count and is suppressed when that count is.
 */
export interface SpendFigures {
  /** ISO 4217; XXX when the export did not state its currency. */
  currency: string;
  /** In currency units (12.34), exact. */
  spend: number;
  impressions: SuppressibleCount;
  clicks: SuppressibleCount;
  engagements: SuppressibleCount;
  resourceClicks: SuppressibleCount;
  /** Cost per 1,000 impressions; null when there are none. */
  cpm: SuppressibleRate;
  costPerClick: SuppressibleRate;
  costPerEngagement: SuppressibleRate;
  costPerResourceClick: SuppressibleRate;
}

/** A figure a platform reported for a post or period longer than one day (lifetime of a post, a multi-day row). */
export interface ReportedPeriodRef {
  grain: string;
  periodStart: string;
  periodEnd: string;
  platform: Platform;
  campaignId: string;
  creativeId: string | null;
  creativeName: string | null;
}

/**
 * Which multi-day and lifetime figures (per-post exports) an answer's totals include. A reported
 * period counts when its whole window lies inside from…to; one that straddles the range is left out
 * (its figures cannot be split by day), and so is one reported at a grain the question's filters
 * cannot apply to (no age or gender breakdown, say).
 */
export interface ReportedPeriodsInfo {
  /** How many reported periods the totals include. */
  included: number;
  /** Reported periods overlapping the range but not inside it: left out of the totals. */
  straddling: ReportedPeriodRef[];
  /** How many straddling periods there were beyond the ones listed (the list is capped at 50). */
  straddlingOmitted: number;
  /** Periods inside the range left out because the filters or breakdown need a dimension they lack. */
  excludedByGrain: number;
  /** Periods inside the range this answer cannot place (a daily chart cannot put a post's lifetime on a day). */
  notPlaced: number;
  note: string;
}

export interface AnalyticsMeta {
  query: ResolvedAnalyticsQuery;
  definitions: Record<AnalyticsMetricId, MetricDefinitionInfo>;
  suppression: SuppressionInfo;
  reach: ReachInfo;
  /** Rollup the figures were read from (dashboards never scan raw events). */
  source: AnalyticsSource;
  /** Plain-language caveats, e.g. a half-hour time-zone offset approximated to the hour. */
  notes: string[];
  /** Multi-day and lifetime figures from platform exports in or around the range (see ReportedPeriodsInfo). */
  reportedPeriods?: ReportedPeriodsInfo;
  /** Definitions of spend and the cost metrics, when the answer carries spend. */
  costDefinitions?: Record<CostMetricId, CostMetricDefinitionInfo>;
  generatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------

/** GET /api/v1/analytics/summary */
export interface SummaryResponse {
  meta: AnalyticsMeta;
  current: MetricSet;
  comparison?: MetricSet;
  deltas?: MetricDeltas;
  /** Spend and costs of the period, one entry per currency (empty when no import carried spend). */
  spend: SpendFigures[];
}

/** One post or creative's figures for a reported period (GET /api/v1/analytics/reported-periods). */
export interface ReportedPeriodRow extends ReportedPeriodRef {
  /** Whole window inside from…to: its figures are in the totals of the range. */
  included: boolean;
  ageBand: AgeBand | null;
  gender: Gender | null;
  region: string | null;
  impressions: SuppressibleCount;
  engagements: SuppressibleCount;
  clicks: SuppressibleCount;
  shares: SuppressibleCount;
  videoViews: SuppressibleCount;
  resourceClicks: SuppressibleCount;
  engagementRate: SuppressibleRate;
  /** 95 % Wilson interval of the engagement rate, from the published counts. */
  interval: { lower: number; upper: number } | null | SuppressedValue;
  /** Reach as the platform reported it for this post and period; null when it reported none. */
  platformReach: SuppressibleCount | null;
}

/** GET /api/v1/analytics/reported-periods: per-post (lifetime) and multi-day figures at their own grain. */
export interface ReportedPeriodsResponse {
  meta: AnalyticsMeta;
  rows: ReportedPeriodRow[];
  /** How many rows there were beyond the ones listed (at most 500 are listed). */
  omitted: number;
  /** Why these figures are not in a daily chart. */
  note: string;
}

export interface TimeseriesBucket {
  /** Local bucket label in the query's tz: `2026-03-01` (day/week start/month start) or `2026-03-01T13:00` (hour). */
  bucket: string;
  /** Bucket start as an ISO-8601 UTC instant. */
  start: string;
  metrics: MetricSet;
}

/** GET /api/v1/analytics/timeseries — buckets zero-filled; comparison[i] aligns with current[i] (same offset). */
export interface TimeseriesResponse {
  meta: AnalyticsMeta;
  granularity: Granularity;
  current: TimeseriesBucket[];
  comparison?: TimeseriesBucket[];
  deltas?: MetricDeltas[];
}

/** A dimension value in a breakdown row. */
export interface BreakdownKeyPart {
  dimension: BreakdownDimension;
  value: string;
  /** Human label (creative name, "18–24", …). */
  label: string;
}

export interface ShareOfTotal {
  impressions: SuppressibleRate;
  engagements: SuppressibleRate;
  /** Row reach / de-duplicated total reach; shares of reach add up to more than 1. */
  reach: SuppressibleRate;
}

export interface BreakdownRow {
  key: BreakdownKeyPart[];
  current: MetricSet;
  shareOfTotal: ShareOfTotal;
  comparison?: MetricSet;
  deltas?: MetricDeltas;
}

/** GET /api/v1/analytics/breakdown */
export interface BreakdownResponse {
  meta: AnalyticsMeta;
  by: BreakdownDimension[];
  rows: BreakdownRow[];
  /** De-duplicated total over the whole filtered set (reach here is a distinct count, not a sum of rows). */
  total: { current: MetricSet; comparison?: MetricSet; deltas?: MetricDeltas };
  /** "Rows don't add up to the total reach: a person in several rows counts once in the total." */
  reachNote: string;
}

// ---------------------------------------------------------------------------------------------
// Segments
// ---------------------------------------------------------------------------------------------

/** Segment rules: AND across dimensions, OR within a dimension. An empty rule set matches everyone. */
export interface SegmentRules {
  ageBand?: AgeBand[];
  gender?: Gender[];
  region?: string[];
  language?: string[];
  platform?: Platform[];
}

export interface SegmentRef {
  id: string;
  name: string;
  isPreset: boolean;
}

/** Presets are virtual and read-only, ids start with `preset:`; saved segments have uuid ids. */
export interface Segment extends SegmentRef {
  description: string | null;
  rules: SegmentRules;
  /** null for presets. */
  createdAt: string | null;
}

export type SegmentListResponse = ListResponse<Segment>;

export interface CreateSegmentRequest {
  name: string;
  description?: string | null;
  rules: SegmentRules;
}

export interface UpdateSegmentRequest {
  name?: string;
  description?: string | null;
  rules?: SegmentRules;
}

/** POST /api/v1/segments/audience-size — live preview for the segment builder. */
export interface AudienceSizeRequest {
  rules: SegmentRules;
  campaign?: string;
  /** Default: the last 90 days in the organisation's time zone. */
  from?: string;
  to?: string;
}

export interface AudienceSizeResponse {
  impressions: SuppressibleCount;
  /** Distinct members matching the rules (see reachMethod). */
  reach: SuppressibleCount;
  /** `sketch`: more than 2,048 people, estimated (relative standard error 0.41%); `exact` otherwise. */
  reachMethod: 'exact' | 'sketch';
  from: string;
  to: string;
  suppression: SuppressionInfo;
}

/** GET /api/v1/analytics/segments — the segment report (always current vs previous period). */
export interface SegmentReportRow {
  segment: Segment;
  current: MetricSet;
  comparison: MetricSet;
  deltas: MetricDeltas;
  /** Spend and costs of the segment's rows that carry spend, per currency. */
  spend: SpendFigures[];
}

export interface SegmentReportResponse {
  meta: AnalyticsMeta;
  rows: SegmentReportRow[];
  /** Segments may overlap: rows are not additive. */
  note: string;
}

// ---------------------------------------------------------------------------------------------
// Creative × segment matrix
// ---------------------------------------------------------------------------------------------

/**
 * `leader`: clearly the best; `clearly behind`: the segment's leader (by observed rate) beats it beyond chance
 * (Holm-adjusted p < 0.05); `no clear difference`: compared, but neither; `not enough data`: below the minimum sample.
 */
export const CREATIVE_VERDICTS = ['leader', 'no clear difference', 'clearly behind', 'not enough data'] as const;
export type CreativeVerdict = (typeof CREATIVE_VERDICTS)[number];

export interface CreativeRef {
  id: string;
  key: string;
  name: string;
  campaignId: string;
  platform: Platform;
  format: CreativeFormat;
  theme: string | null;
  partner: string | null;
}

export interface RateInterval {
  lower: number;
  upper: number;
}

export interface CreativeMatrixCell {
  creativeId: string;
  segmentId: string;
  impressions: SuppressibleCount;
  engagements: SuppressibleCount;
  engagementRate: SuppressibleRate;
  /** 95 % Wilson interval of the engagement rate; null without impressions; suppressed with the rate. */
  interval: RateInterval | null | SuppressedValue;
  /** engagementRate / segment average − 1 (0.2 = 20 % above); null when not computable. */
  lift: number | null | SuppressedValue;
  /** Beta-Binomial probability that this creative has the highest rate in the segment (arms with enough data). */
  probabilityToBeBest: number | null;
  /** Two-proportion test against the segment's leader, Holm-adjusted across every comparison on the view. */
  pValue: number | null;
  rawPValue: number | null;
  verdict: CreativeVerdict;
}

export interface CreativeMatrixSegmentSummary {
  segment: SegmentRef;
  impressions: SuppressibleCount;
  engagements: SuppressibleCount;
  /** The segment average over every creative on the view (the lift baseline). */
  engagementRate: SuppressibleRate;
  /** Creative with the highest observed rate among arms with enough data, or null. */
  leaderCreativeId: string | null;
}

export interface CreativeMatrixMethod {
  interval: 'wilson-95';
  probabilityToBeBest: 'beta-binomial (uniform prior)';
  adjustment: 'holm';
  alpha: number;
  /** A leader needs P(best) ≥ this. */
  probabilityToBeBestThreshold: number;
  minimumSample: { impressions: number; engagements: number };
  description: string;
}

/** GET /api/v1/analytics/creatives */
export interface CreativeMatrixResponse {
  meta: AnalyticsMeta;
  method: CreativeMatrixMethod;
  creatives: CreativeRef[];
  segments: CreativeMatrixSegmentSummary[];
  cells: CreativeMatrixCell[];
}

// ---------------------------------------------------------------------------------------------
// Insights
// ---------------------------------------------------------------------------------------------

export const INSIGHT_KINDS = ['segment-creative', 'segment-dimension'] as const;
export type InsightKind = (typeof INSIGHT_KINDS)[number];

export interface Insight {
  kind: InsightKind;
  segment: SegmentRef;
  /** For segment-creative. */
  creative?: CreativeRef;
  /** For segment-dimension: one or two parts, e.g. [{ dimension: 'platform', value: 'tiktok', label: 'TikTok' }]. */
  dimensions?: BreakdownKeyPart[];
  impressions: number;
  engagements: number;
  engagementRate: number;
  /** engagementRate / campaign average (2.1 = 2.1×). */
  ratio: number;
  direction: 'above' | 'below';
  pValue: number;
  /** Benjamini–Hochberg adjusted p-value (q-value). */
  qValue: number;
  /** "18–24 on TikTok engage 2.1× the campaign average with personal stories". */
  sentence: string;
}

export interface InsightsResponse {
  meta: AnalyticsMeta;
  method: {
    test: 'two-proportion z-test vs the rest of the campaign';
    fdr: 'benjamini-hochberg';
    q: number;
    minimumSample: { impressions: number; engagements: number };
    description: string;
  };
  average: { impressions: SuppressibleCount; engagements: SuppressibleCount; engagementRate: SuppressibleRate };
  /** Cells tested (the BH family size). */
  tested: number;
  items: Insight[];
  total: number;
}

/** The metrics a breakdown row carries a share of the de-duplicated total for (screen and exports). */
export const SHARE_METRICS = ['impressions', 'engagements', 'reach'] as const;
export type ShareMetric = (typeof SHARE_METRICS)[number];

/** A breakdown dimension's name as tables and exports head it. */
export const BREAKDOWN_DIMENSION_LABELS: Record<BreakdownDimension, string> = {
  ageBand: 'Age',
  gender: 'Gender',
  region: 'Region',
  language: 'Language',
  platform: 'Platform',
  creative: 'Creative',
  format: 'Format',
  theme: 'Theme',
  partner: 'Partner',
};
