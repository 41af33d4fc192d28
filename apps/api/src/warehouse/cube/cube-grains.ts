import { addDays, weekStart } from '../../common/time/dates.js';
import { hasSubHourOffset } from '../../common/time/time-zones.js';
import type { AnalyticsScope, Condition, FilterDimension } from '../read/scope.js';
import type { GroupKey, TimeBucket } from '../read/sql.js';

/**
 * The analytics cube's grains: which combinations of dimensions are kept per day with their counts
 * and a reach sketch. Every grain except the creative ones and the full audience cell is kept per
 * campaign AND for all campaigns together (campaign_id = ALL_CAMPAIGNS), so organisation-wide reach
 * is one sketch per day rather than a union over campaigns. A question is answered from the smallest grain that holds
 * every dimension it filters or groups by: one audience dimension, any pair of them, or — for three
 * or more (a saved segment such as women 25–34 in the US on Instagram) — the full audience cell,
 * whose matching cells' sketches are merged (all campaigns together only). Creative grains keep the
 * platform beside one audience dimension. Anything else (a creative with two audience dimensions, one
 * campaign with three or more) is answered exactly from rollup_daily/reach_daily. Hour buckets and
 * other time zones are answered from the hour grain (HOUR_GRAIN below) or rollup_hourly.
 */

export const ALL_CAMPAIGNS = '00000000-0000-0000-0000-000000000000';
export const NO_CREATIVE = '00000000-0000-0000-0000-000000000000';

export type AudienceDimension = FilterDimension;

export interface CubeGrain {
  id: string;
  creative: boolean;
  /** Audience dimensions stored in d1, d2, … d5, in this order. */
  dims: readonly AudienceDimension[];
  /** Kept for all campaigns together only (not per campaign): see the full audience cell below. */
  allCampaignsOnly?: boolean;
}

/** cube_daily's dimension columns, in order (a grain uses the first dims.length of them). */
export const DIM_COLUMNS = ['d1', 'd2', 'd3', 'd4', 'd5'] as const;

const pair = (a: AudienceDimension, b: AudienceDimension): CubeGrain => ({
  id: `${a}+${b}`,
  creative: false,
  dims: [a, b],
});

/**
 * Smallest first: the planner takes the first grain that covers a question. Pairs are ordered by
 * their usual number of cells (languages and genders are few, regions many).
 */
export const CUBE_GRAINS: readonly CubeGrain[] = [
  { id: 'total', creative: false, dims: [] },
  { id: 'gender', creative: false, dims: ['gender'] },
  { id: 'platform', creative: false, dims: ['platform'] },
  { id: 'language', creative: false, dims: ['language'] },
  { id: 'ageBand', creative: false, dims: ['ageBand'] },
  { id: 'region', creative: false, dims: ['region'] },
  pair('gender', 'language'),
  pair('platform', 'language'),
  pair('platform', 'gender'),
  pair('ageBand', 'language'),
  pair('ageBand', 'gender'),
  pair('platform', 'ageBand'),
  pair('gender', 'region'),
  pair('region', 'language'),
  pair('platform', 'region'),
  pair('ageBand', 'region'),
  // Every audience dimension: three or more of them are answered by merging the matching cells. For all
  // campaigns together only: its cells are bounded by the audience's combinations (a few thousand a day),
  // while per campaign they grow with events (at 1M events, 8.4k cells a day, 3× the rest of the cube,
  // and a day's rebuild 4.7× slower). A campaign's question with three or more audience dimensions
  // is answered exactly from the rollups.
  {
    id: 'audience',
    creative: false,
    dims: ['platform', 'ageBand', 'gender', 'region', 'language'],
    allCampaignsOnly: true,
  },
  // A creative almost always runs on one platform, so keeping platform with it costs (almost) no rows
  // and covers platform filters on creative questions, and the insights' creative × platform cells.
  // A creative cross-posted to a second platform simply has cells on both.
  { id: 'creative', creative: true, dims: ['platform'] },
  { id: 'creative+gender', creative: true, dims: ['gender', 'platform'] },
  { id: 'creative+language', creative: true, dims: ['language', 'platform'] },
  { id: 'creative+ageBand', creative: true, dims: ['ageBand', 'platform'] },
  { id: 'creative+region', creative: true, dims: ['region', 'platform'] },
];

const AUDIENCE: readonly string[] = ['platform', 'ageBand', 'gender', 'region', 'language'];
const CREATIVE_KEYS: readonly string[] = ['creative', 'format', 'theme', 'partner'];
const CUBE_BUCKETS: readonly string[] = ['day', 'week', 'month'];

/** rollup_daily / reach_daily column of each audience dimension. */
export const AUDIENCE_COLUMN: Record<AudienceDimension, string> = {
  platform: 'platform',
  ageBand: 'age_band',
  gender: 'gender',
  region: 'region',
  language: 'language',
};

export interface CubeQuestion {
  scope: AnalyticsScope;
  groupBy: readonly GroupKey[];
  segments?: readonly (readonly Condition[])[];
}

/** The grain that answers the question, or null when the cube can't (read the rollups instead). */
export function chooseGrain(question: CubeQuestion): CubeGrain | null {
  const { scope, groupBy } = question;
  if (scope.tz !== scope.orgTimeZone) return null; // the cube is kept per organisation-local day
  const buckets = groupBy.filter((g) => !AUDIENCE.includes(g) && !CREATIVE_KEYS.includes(g));
  if (buckets.some((b) => !CUBE_BUCKETS.includes(b))) return null;
  const needed = new Set<string>();
  for (const c of scope.conditions) needed.add(c.dimension);
  for (const segment of question.segments ?? []) for (const c of segment) needed.add(c.dimension);
  for (const g of groupBy) if (AUDIENCE.includes(g)) needed.add(g);
  const creative = scope.creativeIds !== null || groupBy.some((g) => CREATIVE_KEYS.includes(g));
  return (
    CUBE_GRAINS.find(
      (grain) =>
        grain.creative === creative &&
        !(grain.allCampaignsOnly && scope.campaign) &&
        [...needed].every((d) => (grain.dims as readonly string[]).includes(d)),
    ) ?? null
  );
}

/** A day's bucket key as the rollup SQL writes it (weeks start on Monday, like date_trunc). */
export function bucketOf(bucket: TimeBucket, day: string): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  if (bucket === 'week') {
    const date = new Date(`${day}T00:00:00Z`);
    const mondayOffset = (date.getUTCDay() + 6) % 7;
    return new Date(date.getTime() - mondayOffset * 86_400_000).toISOString().slice(0, 10);
  }
  throw new Error(`the cube has no ${bucket} buckets`);
}

export function isAudienceKey(key: GroupKey): key is AudienceDimension {
  return AUDIENCE.includes(key);
}

/**
 * The hour grain: counts per UTC hour and platform (no reach: distinct members are kept per day), per
 * campaign and for all campaigns together, kept in cube_daily as grain 'hour' (d1 = platform, d2 = the
 * hour's start as an ISO UTC instant, e.g. 2026-10-02T04:00:00Z) under the organisation-local day the
 * hour lies in, and rebuilt with that day. It answers what rollup_hourly answers — hour buckets, and
 * day/week/month buckets in a time zone other than the organisation's — for the organisation or one
 * campaign, filtered or grouped by platform: 24 rows a day and platform instead of one per creative.
 * A creative filter or a creative breakdown (format, theme, partner) is rollup_hourly's own grain and
 * is read there. Bucketing is the rollup path's own SQL over the same UTC hours, so answers are equal.
 *
 * An organisation-local day of a zone offset from UTC by a fraction of an hour (Asia/Kolkata +5:30)
 * does not start on a UTC hour: one UTC hour holds events of two of its days, and a write to one of
 * them would leave the other day's copy stale. No hour cells are kept for such days, and a question
 * whose window touches one is answered from rollup_hourly, as before (hasHourCells).
 */
export const HOUR_GRAIN: CubeGrain = { id: 'hour', creative: false, dims: ['platform'] };

/** Whether the cube keeps hour cells for one organisation-local day (its bounds are UTC hours). */
export function keepsHourCells(orgTimeZone: string, day: string): boolean {
  return !hasSubHourOffset(orgTimeZone, addDays(day, -1), addDays(day, 1));
}

/**
 * The organisation-local days whose hour cells can hold an hour of a question's window (local days
 * from…to in any zone): the zones' offsets differ by at most 26 hours, plus the hour of slack the
 * rollup path reads either side.
 */
export function hourCellDays(period: { from: string; to: string }): { from: string; to: string } {
  return { from: addDays(period.from, -2), to: addDays(period.to, 2) };
}

const HOUR_GROUPS: readonly string[] = ['hour', 'day', 'week', 'month', 'platform'];

/**
 * Whether the hour grain answers a rollup_hourly question: counts only, no creative filter, grouped by
 * time buckets and/or platform, filtered (and segmented) by platform only, and every organisation-local
 * day it may read keeps hour cells (keepsHourCells: days one further either side, as that test samples).
 */
export function coveredByHourGrain(question: CubeQuestion & { period: { from: string; to: string } }): boolean {
  const { scope, groupBy } = question;
  if (scope.creativeIds !== null) return false;
  if (!groupBy.every((g) => HOUR_GROUPS.includes(g))) return false;
  const conditions = [...scope.conditions, ...(question.segments ?? []).flat()];
  if (!conditions.every((c) => c.dimension === 'platform')) return false;
  const days = hourCellDays(question.period);
  return !hasSubHourOffset(scope.orgTimeZone, addDays(days.from, -1), addDays(days.to, 1));
}

/**
 * Week cells of the creative grains: per campaign, creative and the grain's dimensions, the counts and
 * the reach sketch of a Monday-to-Sunday week (organisation-local days), stored in cube_daily under the
 * week's Monday as grain `<grain>@week` and rebuilt with any day of the week (in that day's write, so
 * they always hold the current build of every day of the week). A creative question with reach over a
 * window spanning whole weeks reads one cell per week instead of seven per day: the organisation's
 * gender × creative breakdown for 30 days merges ~12 sketches per group instead of 30. Edge days (and a
 * week with a day changed since its build) are read per day as before; the union is the same members.
 */
export const WEEK_GRAINS: ReadonlyMap<string, CubeGrain> = new Map(
  CUBE_GRAINS.filter((g) => g.creative).map((g) => [g.id, { ...g, id: `${g.id}@week` }]),
);

export function isWeekGrain(grain: CubeGrain): boolean {
  return grain.id.endsWith('@week');
}

/** The week twin of a day grain (creative grains only), or undefined. */
export function weekGrainOf(grain: CubeGrain): CubeGrain | undefined {
  return WEEK_GRAINS.get(grain.id);
}

/** The Mondays of the whole weeks (Monday to Sunday) within from…to. */
export function wholeWeeks(from: string, to: string): string[] {
  const weeks: string[] = [];
  let monday = weekStart(from);
  if (monday < from) monday = addDays(monday, 7);
  for (; addDays(monday, 6) <= to; monday = addDays(monday, 7)) weeks.push(monday);
  return weeks;
}

/** Which of a question's time buckets week cells can be grouped into (a week can straddle months). */
export function weekCellsFit(groupBy: readonly GroupKey[]): boolean {
  return !groupBy.includes('day') && !groupBy.includes('month') && !groupBy.includes('hour');
}
