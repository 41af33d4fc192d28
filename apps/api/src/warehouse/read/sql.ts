import type { RollupSource, BreakdownDimension, EventType } from '@resonance/contracts';
import { METRIC_COLUMN_BY_TYPE } from '../events/event-writer.js';
import type { AnalyticsScope, Condition, Period } from './scope.js';

/**
 * SQL for analytics reads. Every identifier (table, column, bucket expression) comes from the
 * whitelist maps below; every value is a bind parameter. The rollups and reach_daily are views over
 * `events` (migration 1765000000400): every read names an organisation and a range of its days,
 * which the `(org_id, day)` index serves.
 */

export type TimeBucket = 'hour' | 'day' | 'week' | 'month';
export type GroupKey = TimeBucket | BreakdownDimension;

/** Event type → rollup column: the rollup writer's own map, so reads and writes cannot disagree. */
const COLUMN_BY_TYPE: Record<EventType, string> = METRIC_COLUMN_BY_TYPE;
export const EVENT_TYPE_KEYS = Object.keys(COLUMN_BY_TYPE) as EventType[];

/** Dimension → expression; `c` is the creatives join, `r` the rollup or reach row. */
const DIMENSION_SQL: Record<BreakdownDimension, { expr: string; needsCreative: boolean }> = {
  platform: { expr: 'r.platform', needsCreative: false },
  ageBand: { expr: 'r.age_band', needsCreative: false },
  gender: { expr: 'r.gender', needsCreative: false },
  region: { expr: 'r.region', needsCreative: false },
  language: { expr: 'r.language', needsCreative: false },
  creative: { expr: 'r.creative_id::text', needsCreative: false },
  format: { expr: 'c.format', needsCreative: true },
  theme: { expr: "coalesce(c.theme, '(none)')", needsCreative: true },
  partner: { expr: "coalesce(c.partner, '(none)')", needsCreative: true },
};

const FILTER_COLUMN: Record<string, string> = {
  platform: 'r.platform',
  ageBand: 'r.age_band',
  gender: 'r.gender',
  region: 'r.region',
  language: 'r.language',
};

const TABLES: Record<RollupSource | 'reach_daily', string> = {
  rollup_daily_creative: 'rollup_daily_creative',
  rollup_daily: 'rollup_daily',
  rollup_hourly: 'rollup_hourly',
  reach_daily: 'reach_daily',
};

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface BuiltQuery {
  sql: string;
  params: unknown[];
}

export interface ReadSpec {
  scope: AnalyticsScope;
  period: Period;
  groupBy: readonly GroupKey[];
}

function localDay(table: string, tz: () => string): string {
  return table === 'rollup_hourly' ? `(r.hour AT TIME ZONE ${tz()})::date` : 'r.day';
}

/** A time bucket's key as every store writes it (the cube's hour cells use rollup_hourly's: `r.hour`). */
export function bucketExpr(bucket: TimeBucket, table: string, tz: () => string): string {
  const day = bucket === 'hour' ? '' : localDay(table, tz);
  switch (bucket) {
    case 'hour':
      return `to_char(r.hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"')`;
    case 'day':
      return `to_char(${day}, 'YYYY-MM-DD')`;
    case 'week':
      return `to_char(date_trunc('week', (${day})::timestamp), 'YYYY-MM-DD')`;
    case 'month':
      return `to_char(date_trunc('month', (${day})::timestamp), 'YYYY-MM-DD')`;
  }
}

function isBucket(key: GroupKey): key is TimeBucket {
  return key === 'hour' || key === 'day' || key === 'week' || key === 'month';
}

/** FROM … WHERE … shared by counts and reach; returns the select list for the group keys too. */
function fromWhere(table: string, spec: ReadSpec, p: Params): { from: string; where: string; groups: string[] } {
  const { scope, period, groupBy } = spec;
  let tzParam: string | null = null;
  const tzRef = (): string => (tzParam ??= `${p.add(scope.tz)}::text`);
  const groups = groupBy.map((key) => (isBucket(key) ? bucketExpr(key, table, tzRef) : DIMENSION_SQL[key].expr));
  const joinCreative = groupBy.some((key) => !isBucket(key) && DIMENSION_SQL[key].needsCreative);
  const where: string[] = [`r.org_id = ${p.add(scope.orgId)}`];
  const from = p.add(period.from);
  const to = p.add(period.to);
  if (table === 'rollup_hourly') {
    // The index range on the organisation's days (two days of slack either side: the question's zone may
    // be another), the UTC hours with an hour of slack, then the exact local-day test.
    where.push(`r.day BETWEEN ${from}::date - 2 AND ${to}::date + 2`);
    where.push(`r.hour >= (${from}::date::timestamp AT TIME ZONE ${tzRef()}) - interval '1 hour'`);
    where.push(`r.hour < ((${to}::date + 1)::timestamp AT TIME ZONE ${tzRef()}) + interval '1 hour'`);
    where.push(`${localDay(table, tzRef)} BETWEEN ${from}::date AND ${to}::date`);
  } else {
    where.push(`r.day BETWEEN ${from}::date AND ${to}::date`);
  }
  if (scope.campaign) where.push(`r.campaign_id = ${p.add(scope.campaign.id)}::uuid`);
  if (scope.creativeIds) where.push(`r.creative_id = ANY(${p.add(scope.creativeIds)}::uuid[])`);
  for (const condition of scope.conditions) where.push(conditionSql(condition, p));
  const join = joinCreative ? ' JOIN creatives c ON c.org_id = r.org_id AND c.id = r.creative_id' : '';
  return { from: `${TABLES[table as RollupSource]} r${join}`, where: where.join(' AND '), groups };
}

function conditionSql(condition: Condition, p: Params): string {
  const column = FILTER_COLUMN[condition.dimension];
  if (!column) throw new Error(`no column for ${condition.dimension}`);
  return `${column} = ANY(${p.add(condition.values)}::text[])`;
}

/** One predicate per segment (AND of its conditions; TRUE for an empty rule set). */
function segmentPredicates(segments: readonly (readonly Condition[])[], p: Params): string[] {
  return segments.map((conditions) =>
    conditions.length === 0 ? 'TRUE' : `(${conditions.map((c) => conditionSql(c, p)).join(' AND ')})`,
  );
}

function selectGroups(groups: string[]): { select: string; groupBy: string } {
  if (groups.length === 0) return { select: '', groupBy: '' };
  return {
    select: groups.map((g, i) => `${g} AS g${i}`).join(', ') + ', ',
    groupBy: ` GROUP BY ${groups.map((_, i) => `g${i}`).join(', ')}`,
  };
}

/** Summed event counts per group: columns g0…gN then one float column per event type. */
export function buildCountsQuery(table: RollupSource, spec: ReadSpec): BuiltQuery {
  const p = new Params();
  const { from, where, groups } = fromWhere(table, spec, p);
  const { select, groupBy } = selectGroups(groups);
  const sums = EVENT_TYPE_KEYS.map((type) => `coalesce(sum(r.${COLUMN_BY_TYPE[type]}), 0)::float8 AS "${type}"`).join(
    ', ',
  );
  return { sql: `SELECT ${select}${sums} FROM ${from} WHERE ${where}${groupBy}`, params: p.values };
}

/**
 * Exact reach per group: the number of distinct member_hash over reach_daily (org-local days).
 * Written as DISTINCT in a subquery rather than count(DISTINCT …): PostgreSQL can then use a hash
 * aggregate (and parallel workers) instead of sorting every row of the window.
 */
export function buildReachQuery(spec: ReadSpec): BuiltQuery {
  const p = new Params();
  const { from, where, groups } = fromWhere('reach_daily', spec, p);
  const inner = [...groups.map((g, i) => `${g} AS g${i}`), 'r.member_hash'].join(', ');
  const outerGroups = groups.map((_, i) => `g${i}`);
  const select = outerGroups.length > 0 ? `${outerGroups.join(', ')}, ` : '';
  const groupBy = outerGroups.length > 0 ? ` GROUP BY ${outerGroups.join(', ')}` : '';
  return {
    sql: `SELECT ${select}count(*)::float8 AS reach FROM (SELECT DISTINCT ${inner} FROM ${from} WHERE ${where}) d${groupBy}`,
    params: p.values,
  };
}

/**
 * Several (possibly overlapping) segments in ONE scan: per segment, the sums of each event type
 * restricted with FILTER, as columns "s<i>_<type>". Rows outside every segment are skipped.
 */
export function buildSegmentCountsQuery(
  table: RollupSource,
  spec: ReadSpec & { segments: readonly (readonly Condition[])[] },
): BuiltQuery {
  const p = new Params();
  const { from, where, groups } = fromWhere(table, spec, p);
  const predicates = segmentPredicates(spec.segments, p);
  const { select, groupBy } = selectGroups(groups);
  const sums = predicates
    .flatMap((pred, i) =>
      EVENT_TYPE_KEYS.map(
        (type) => `coalesce(sum(r.${COLUMN_BY_TYPE[type]}) FILTER (WHERE ${pred}), 0)::float8 AS "s${i}_${type}"`,
      ),
    )
    .join(', ');
  const any = predicates.includes('TRUE') || predicates.length === 0 ? '' : ` AND (${predicates.join(' OR ')})`;
  return { sql: `SELECT ${select}${sums} FROM ${from} WHERE ${where}${any}${groupBy}`, params: p.values };
}

/**
 * Exact reach per group AND over all groups in one scan (GROUPING SETS): rows with t = 0 are the
 * groups, the row with t = 1 is the de-duplicated total.
 */
export function buildReachWithTotalQuery(spec: ReadSpec): BuiltQuery {
  const p = new Params();
  const { from, where, groups } = fromWhere('reach_daily', spec, p);
  if (groups.length === 0) throw new Error('buildReachWithTotalQuery needs at least one group');
  const first = groups[0] as string;
  const inner = [...groups.map((g, i) => `${g} AS g${i}`), 'r.member_hash', `GROUPING(${first}) AS t`].join(', ');
  const sets = `GROUPING SETS ((${[...groups, 'r.member_hash'].join(', ')}), (r.member_hash))`;
  const outerGroups = groups.map((_, i) => `d.g${i}`);
  return {
    sql:
      `SELECT ${outerGroups.join(', ')}, d.t, count(*)::float8 AS reach ` +
      `FROM (SELECT ${inner} FROM ${from} WHERE ${where} GROUP BY ${sets}) d GROUP BY d.t, ${outerGroups.join(', ')}`,
    params: p.values,
  };
}

/**
 * Exact reach of several segments in one scan of reach_daily: columns "s<i>_reach". Each member is
 * reduced once per group (bool_or of each segment predicate), then counted per segment.
 */
export function buildSegmentReachQuery(spec: ReadSpec & { segments: readonly (readonly Condition[])[] }): BuiltQuery {
  const p = new Params();
  const { from, where, groups } = fromWhere('reach_daily', spec, p);
  const predicates = segmentPredicates(spec.segments, p);
  const inGroups = [...groups.map((g, i) => `${g} AS g${i}`), 'r.member_hash'];
  const flags = predicates.map((pred, i) => `bool_or(${pred}) AS s${i}`).join(', ');
  const innerGroupBy = [...groups.map((_, i) => `g${i}`), 'r.member_hash'].join(', ');
  const any = predicates.includes('TRUE') || predicates.length === 0 ? '' : ` AND (${predicates.join(' OR ')})`;
  const outerGroups = groups.map((_, i) => `g${i}`);
  const select = outerGroups.length > 0 ? `${outerGroups.join(', ')}, ` : '';
  const groupBy = outerGroups.length > 0 ? ` GROUP BY ${outerGroups.join(', ')}` : '';
  const counts = predicates.map((_, i) => `count(*) FILTER (WHERE s${i})::float8 AS "s${i}_reach"`).join(', ');
  return {
    sql:
      `SELECT ${select}${counts} FROM (SELECT ${inGroups.join(', ')}, ${flags} FROM ${from} WHERE ${where}${any} ` +
      `GROUP BY ${innerGroupBy}) d${groupBy}`,
    params: p.values,
  };
}
