/**
 * Awareness planning: the observance calendar, campaign ↔ observance links, year-over-year on
 * aligned windows, recommendations from the organisation's history, and the test-size planner.
 * Routes live under /api/v1/planning.
 */
import type { AnalyticsSource, SuppressedValue, SuppressibleCount } from './analytics.js';
import type { CreativeFormat, ListResponse, Platform } from './domain.js';

// ─── Observance rules: the one statement of their JSON shape (@resonance/analytics resolves them) ──

/** 0 = Sunday … 6 = Saturday (same numbering as Date#getUTCDay). */
export type PlanningWeekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Weeks run Sunday–Saturday (US) or Monday–Sunday (UK, EU, AU, CA…). */
export type PlanningWeekStart = 0 | 1;

/** 1–5 = first…fifth; -1 = last. */
export type PlanningWeekdayOrdinal = 1 | 2 | 3 | 4 | 5 | -1;

/**
 * A single date every year. 29 February falls on 28 February in non-leap years,
 * so the observance still happens every year (as Rare Disease Day does).
 */
export interface FixedDayRule {
  kind: 'fixed_day';
  month: number;
  day: number;
}

/**
 * From one fixed date to another, inclusive. If the end comes before the start in
 * the calendar (e.g. 20 December – 5 January) the range wraps into the next year:
 * the occurrence for year Y starts in Y and ends in Y+1. 29 February is treated as
 * in FixedDayRule.
 */
export interface FixedRangeRule {
  kind: 'fixed_range';
  startMonth: number;
  startDay: number;
  endMonth: number;
  endDay: number;
}

export interface WholeMonthRule {
  kind: 'whole_month';
  month: number;
}

/**
 * The nth given weekday of a month (e.g. second Thursday of September), lasting
 * durationDays (default 1) from that day. n = 5 means the fifth occurrence, or the
 * last one in years when the month has only four, so the rule resolves every year.
 */
export interface NthWeekdayRule {
  kind: 'nth_weekday';
  month: number;
  weekday: PlanningWeekday;
  n: PlanningWeekdayOrdinal;
  durationDays?: number;
}

/** The first 7-day week (starting on weekStartsOn) that lies wholly inside the month. */
export interface FirstFullWeekRule {
  kind: 'first_full_week';
  month: number;
  weekStartsOn: PlanningWeekStart;
}

/**
 * The 7-day week (starting on weekStartsOn) that contains a fixed date. The week
 * may begin in the previous month or year. 29 February is treated as in FixedDayRule.
 */
export interface WeekContainingRule {
  kind: 'week_containing';
  month: number;
  day: number;
  weekStartsOn: PlanningWeekStart;
}

/**
 * Starts offsetDays after (negative: before) the start of another observance in
 * the same year, and lasts durationDays.
 */
export interface RelativeRule {
  kind: 'relative';
  to: string;
  offsetDays: number;
  durationDays: number;
}

/** How an observance falls in a year, stored as JSON (jsonb) and sent as is. */
export type ObservanceRuleJson =
  | FixedDayRule
  | FixedRangeRule
  | WholeMonthRule
  | NthWeekdayRule
  | FirstFullWeekRule
  | WeekContainingRule
  | RelativeRule;

/**
 * Regions of the seeded catalogue. Organisations' own observances may use 'global' or any
 * upper-case two-letter code (UK is used for the United Kingdom, as in the catalogue).
 */
export const OBSERVANCE_CATALOGUE_REGIONS = ['global', 'US', 'UK', 'CA', 'AU'] as const;
export const OBSERVANCE_REGION_PATTERN = /^(global|[A-Z]{2})$/;

/** catalogue: the seeded calendar shared by every organisation (read-only); organization: the org's own. */
export type ObservanceSource = 'catalogue' | 'organization';

/** An observance without dates. */
export interface Observance {
  id: string;
  slug: string;
  name: string;
  region: string;
  rule: ObservanceRuleJson;
  /** The rule in words, e.g. "First full week (Sunday–Saturday) of October". */
  ruleDescription: string;
  organiser: string | null;
  url: string | null;
  description: string | null;
  source: ObservanceSource;
}

/** One observance in one year. `year` is the rule's year (a wrapping range may end the year after). */
export interface ObservanceOccurrence extends Observance {
  year: number;
  /** 'YYYY-MM-DD', inclusive. */
  startsOn: string;
  endsOn: string;
}

/**
 * `GET /planning/observances?year=2027[&region=UK]`: every occurrence of the catalogue and the
 * org's own observances in that year (year of the rule), sorted by start date.
 * `region` (comma-separated codes) keeps observances of those regions **plus global ones**;
 * `region=global` keeps global ones only.
 */
export type ObservanceYearResponse = ListResponse<ObservanceOccurrence>;

/**
 * `GET /planning/observances/upcoming?from=2027-07-01&months=12[&region=]`: occurrences that
 * overlap [from, from + months − 1 day], across year ends; from defaults to today (UTC),
 * months to 12 (1–24). Sorted by start date.
 */
export interface UpcomingObservancesResponse extends ListResponse<ObservanceOccurrence> {
  from: string;
  to: string;
}

/** `GET /planning/observances/:id`: the observance, its occurrences around now and its linked campaigns. */
export interface ObservanceDetail extends Observance {
  /** Occurrences from last year to two years ahead (for planning). */
  occurrences: { year: number; startsOn: string; endsOn: string }[];
  /** The org's campaigns linked to it, newest first. */
  campaigns: LinkedCampaign[];
}

/** `POST /planning/observances` (owner, manager): an observance of the organisation's own. */
export interface CreateObservanceRequest {
  /** Lower-case letters, digits and single hyphens; unique within the org and not a catalogue slug. */
  slug: string;
  name: string;
  /** 'global' or an upper-case two-letter region code. */
  region: string;
  /** Checked by validateObservanceRule: a 400 `invalid_observance_rule` lists every problem in `details`. */
  rule: ObservanceRuleJson;
  organiser?: string | null;
  url?: string | null;
  description?: string | null;
}

// ─── Campaign links ──────────────────────────────────────────────────────────────────────────

export interface LinkedCampaign {
  id: string;
  key: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  observanceId: string | null;
  /** Which year's occurrence the campaign is for. */
  observanceYear: number | null;
}

/**
 * `PUT /planning/observances/:id/campaigns/:campaignId` (owner, manager): links the campaign.
 * `year` defaults to the year of the occurrence nearest the campaign's window (or this year when
 * it has none). An empty window (starts/ends null) is filled with that occurrence.
 * `DELETE` on the same path unlinks.
 */
export interface LinkCampaignRequest {
  year?: number;
}

/**
 * `POST /planning/observances/:id/plan` (owner, manager): creates a campaign linked to the
 * observance with the window of that year's occurrence. 409 `campaign_key_taken` when the key is
 * used; key defaults to `<slug>-<year>`.
 */
export interface PlanCampaignRequest {
  year: number;
  name: string;
  key?: string;
  objective?: string | null;
}

// ─── Segments ────────────────────────────────────────────────────────────────────────────────

/**
 * Target segments planning reports on. Age bands are the coarsest common bands (55-64, 65+ and
 * TikTok's 55+ all count as 55+). Ids usable in `segment=` (comma-separated).
 */
export const PLANNING_SEGMENTS = [
  { id: 'all', label: 'Everyone', ageBands: [] },
  { id: 'gen-z', label: 'Gen Z (13–24)', ageBands: ['13-17', '18-24'] },
  { id: 'young-adults', label: 'Young adults (18–34)', ageBands: ['18-24', '25-34'] },
  { id: 'age-13-17', label: 'Age 13–17', ageBands: ['13-17'] },
  { id: 'age-18-24', label: 'Age 18–24', ageBands: ['18-24'] },
  { id: 'age-25-34', label: 'Age 25–34', ageBands: ['25-34'] },
  { id: 'age-35-44', label: 'Age 35–44', ageBands: ['35-44'] },
  { id: 'age-45-54', label: 'Age 45–54', ageBands: ['45-54'] },
  { id: 'age-55-plus', label: 'Age 55+', ageBands: ['55-64', '65+', '55+'] },
] as const;
export type PlanningSegmentId = (typeof PLANNING_SEGMENTS)[number]['id'];

export interface PlanningSegment {
  id: PlanningSegmentId;
  label: string;
}

// ─── Figures on the wire ─────────────────────────────────────────────────────────────────────

/** A count as published (a small one hidden as "<threshold", see SuppressedValue). */
export type PlanningCount = SuppressibleCount;

/** A rate (fraction 0–1) with its Wilson 95% interval; null with no impressions; hidden with its counts. */
export interface PlanningRate {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
}

// ─── Year over year ──────────────────────────────────────────────────────────────────────────

/**
 * `GET /planning/yoy?observance=<id or slug>[&segment=all,gen-z][&leadDays=0&lagDays=0]`
 * Each year's figures are read through the warehouse reader (the cube or rollup_daily) over that year's observance window (widened
 * by leadDays before and lagDays after, the same every year), for the campaigns linked to the
 * observance for that year: years are aligned by the window, not the calendar date.
 */
export interface YoyResponse {
  observance: Observance;
  segments: PlanningSegment[];
  /** "Engagements = likes + comments + shares + saves + clicks; engagement rate = engagements / impressions". */
  metricDefinition: string;
  leadDays: number;
  lagDays: number;
  suppressionThreshold: number;
  /** Which store answered (the analytics cube or a rollup, as analytics' meta.source); null when nothing was read. */
  source: AnalyticsSource | null;
  years: YoyYear[];
}

export interface YoyYear {
  year: number;
  /** The window measured (occurrence widened by lead/lag days). */
  windowStartsOn: string;
  windowEndsOn: string;
  campaigns: { id: string; key: string; name: string }[];
  rows: YoyRow[];
}

export interface YoyRow {
  segment: PlanningSegmentId;
  impressions: PlanningCount;
  engagements: PlanningCount;
  engagementRate: PlanningRate | SuppressedValue;
  /** Against the previous year in the list (null for the first, or when either year has no impressions). */
  vsPrevious: YoyDelta | null;
}

export interface YoyDelta {
  previousYear: number;
  /** Difference of rates (this − previous), a fraction. Hidden when either rate is hidden. */
  absoluteChange: number | SuppressedValue;
  /** (this − previous) / previous; null when the previous rate is 0. */
  relativeChange: number | null | SuppressedValue;
  /** Two-sided two-proportion z-test (pooled). */
  pValue: number | SuppressedValue;
}

// ─── Recommendations ─────────────────────────────────────────────────────────────────────────

export const RECOMMENDATION_DIMENSIONS = ['format', 'platform', 'theme'] as const;
export type RecommendationDimension = (typeof RECOMMENDATION_DIMENSIONS)[number];

/**
 * `GET /planning/recommendations?observance=<id or slug>&segment=gen-z,age-25-34`
 * For each segment and dimension, options ranked by the lower bound of the engagement rate's
 * Wilson 95% interval (so a small lucky sample does not outrank a large steady one). An option
 * needs at least `minImpressions` impressions from at least `minCreatives` creatives; others are
 * listed with status 'not_enough_history'.
 * Basis, per segment and dimension: campaigns linked to the observance when they alone rank at
 * least one option of that dimension, otherwise the organisation's whole history (`basis` says
 * which; the segment's `basis` is 'mixed' when its dimensions differ).
 */
export interface RecommendationsResponse {
  observance: Observance;
  minImpressions: number;
  minCreatives: number;
  metricDefinition: string;
  suppressionThreshold: number;
  /** Which store answered (the analytics cube or a rollup, as analytics' meta.source); null when nothing was read. */
  source: AnalyticsSource | null;
  segments: SegmentRecommendations[];
}

/** observance: campaigns linked to the observance; all_campaigns: the organisation's whole history. */
export type RecommendationBasis = 'observance' | 'all_campaigns';

export interface SegmentRecommendations {
  segment: PlanningSegment;
  basis: RecommendationBasis | 'mixed';
  /** The truth when nothing qualifies: 'not_enough_history'. */
  status: 'ok' | 'not_enough_history';
  /** Which history was used and why, in words. */
  explanation: string;
  dimensions: DimensionRecommendations[];
}

export interface DimensionRecommendations {
  dimension: RecommendationDimension;
  basis: RecommendationBasis;
  /** Ranked options first, best first; then those without enough history, in the same order (lower bound of the interval). */
  options: RecommendationOption[];
}

export interface RecommendationOption {
  /** A format, platform or theme value; '(none)' for creatives without a theme. */
  value: string | CreativeFormat | Platform;
  /** 1 = best; null when not ranked. */
  rank: number | null;
  status: 'ranked' | 'not_enough_history';
  creatives: number;
  impressions: PlanningCount;
  engagements: PlanningCount;
  engagementRate: PlanningRate | SuppressedValue;
}

// ─── Test-size planner ───────────────────────────────────────────────────────────────────────

/**
 * `GET /planning/sample-size?baselineRate=0.02&minRelativeLift=0.1[&alpha=0.05&power=0.8&arms=2]`
 * → impressions per creative (arm) per segment, or with `impressionsPerArm` instead of
 * `minRelativeLift`, the smallest detectable relative lift. Out-of-range input: 400 naming the
 * parameter and its range.
 */
export interface SampleSizeResponse {
  mode: 'sample_size' | 'minimum_detectable_lift';
  baselineRate: number;
  alpha: number;
  power: number;
  arms: number;
  /** α per comparison with the control (Bonferroni over arms − 1). */
  alphaPerComparison: number;
  /** Requested (sample_size) or found (minimum_detectable_lift); null when even p2 → 1 is not detectable. */
  minRelativeLift: number | null;
  /** baselineRate × (1 + minRelativeLift). */
  targetRate: number | null;
  /** Impressions per creative per segment: requested, or computed (rounded up). */
  impressionsPerArm: number;
  /** impressionsPerArm × arms, per segment. */
  totalImpressions: number;
  formula: string;
}
