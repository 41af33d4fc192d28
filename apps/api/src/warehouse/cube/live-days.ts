import type { EntityManager } from 'typeorm';
import { METRIC_COLUMN_BY_TYPE } from '../events/event-writer.js';
import type { Condition } from '../read/scope.js';
import type { GroupKey } from '../read/sql.js';
import { AUDIENCE_COLUMN, DIM_COLUMNS, NO_CREATIVE, type CubeGrain } from './cube-grains.js';
import type { CubeRequest } from './cube-reader.js';

/**
 * Days changed since their cube build ("live" days: today while ingest runs, a day an import just
 * touched) are never rebuilt while a question waits. The cube answers the days whose build is current.
 * A live day whose changes since its build were all appends (ingest) is answered from its build plus
 * only the events written after it — every event carries its day's mark version, and a build at
 * version v holds exactly the events with `version <= v` (event-writer.ts) — so the work grows with the
 * events since the last build, not with the day. A day never built, or changed otherwise since its build
 * (an import's COPY, a revision, a deletion: the mark's `full_version`), is read whole. Exact rows come
 * from rollup_daily for counts and reach_daily for members (views over events) in the shape of cube
 * rows, and the cube reader merges them with the cube's: counts add, and each live row's member hashes
 * go into its group's reach sketch (the cube's sketches are built from the same hashes, so the union is
 * the one a rebuilt day gives, exact while it holds at most SKETCH_EXPLICIT_LIMIT people). The
 * background refresher rebuilds live days as before.
 */

/**
 * A question whose window holds more days to read whole than this (a backfill, a large import, the first
 * start after a cube migration) is answered exactly from the rollups until the refresher has caught up:
 * reading each such day's rows is as costly as that path.
 */
export const MAX_LIVE_DAYS = 31;

/** A day changed since its cube build. */
export interface LiveDay {
  day: string;
  /**
   * The version of the day's build, to read with the events written after it; null: the day is read
   * whole (never built, or changed by more than appends since its build).
   */
  since: string | null;
}

/** The days of a set read whole (no build to start from). */
export const wholeDays = (live: readonly LiveDay[]): string[] => live.filter((d) => d.since === null).map((d) => d.day);

/**
 * The days of a window whose cube build is not current (their cube_dirty mark is pending), or null when
 * more than MAX_LIVE_DAYS of them must be read whole. Read in the question's snapshot: a day not listed
 * has a build that includes every write committed before that snapshot (a build clears the mark only if
 * no write marked the day after the build's own read), and a listed day's build and its later events
 * are read in the same snapshot.
 */
export async function liveDays(em: EntityManager, orgId: string, from: string, to: string): Promise<LiveDay[] | null> {
  const rows = await em.query<LiveDay[]>(
    `SELECT to_char(m.day, 'YYYY-MM-DD') AS day,
            CASE WHEN b.built_version >= m.full_version THEN b.built_version::text END AS since
       FROM cube_dirty m LEFT JOIN cube_days b ON b.org_id = m.org_id AND b.day = m.day
      WHERE m.org_id = $1 AND m.pending AND m.day BETWEEN $2::date AND $3::date
      ORDER BY m.day`,
    [orgId, from, to],
  );
  return wholeDays(rows).length > MAX_LIVE_DAYS ? null : rows;
}

/**
 * The SQL condition selecting a set of live days' exact rows (`r` with `day` and `version`): each day
 * whole, or its events after its build. Values are appended to `values` through `add`.
 */
export function liveRowsCondition(live: readonly LiveDay[], add: (value: unknown) => string): string {
  const whole = wholeDays(live);
  const parts = whole.length > 0 ? [`r.day = ANY(${add(whole)}::date[])`] : [];
  for (const { day, since } of live) {
    if (since !== null) parts.push(`(r.day = ${add(day)}::date AND r.version > ${add(since)}::bigint)`);
  }
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'FALSE';
}

interface RawRow {
  day: string;
  campaign_id: string;
  creative_id: string;
  d1: string;
  d2: string;
  d3: string;
  d4: string;
  d5: string;
  format?: string;
  theme?: string;
  partner?: string;
  [metric: string]: unknown;
}

/** A live day's figures for one group of a question, shaped like a cube row, with its members. */
export interface LiveRow extends RawRow {
  live: true;
  /** Its distinct members (reach_daily's keyed hashes) as an explicit-form sketch; null without reach. */
  sketch: Buffer | null;
}

const EVENT_TYPES = Object.keys(METRIC_COLUMN_BY_TYPE) as (keyof typeof METRIC_COLUMN_BY_TYPE)[];
const ATTRIBUTES: readonly GroupKey[] = ['format', 'theme', 'partner'];

/**
 * The live days' rows for a question at its grain. Only the columns the question groups or segments by
 * are kept apart (the others are folded, e.g. a summary gets one row per day), and the scope's own
 * filters are applied in SQL exactly as the cube reader applies them to cube rows.
 */
export async function readLiveRows(
  em: EntityManager,
  grain: CubeGrain,
  request: CubeRequest,
  live: readonly LiveDay[],
): Promise<LiveRow[]> {
  if (live.length === 0) return [];
  const { scope, groupBy } = request;
  const values: unknown[] = [scope.orgId];
  const add = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  const where = ['r.org_id = $1', liveRowsCondition(live, add)];
  if (scope.campaign) where.push(`r.campaign_id = ${add(scope.campaign.id)}::uuid`);
  if (scope.creativeIds) where.push(`r.creative_id = ANY(${add(scope.creativeIds)}::uuid[])`);
  for (const condition of scope.conditions) {
    where.push(`r.${AUDIENCE_COLUMN[condition.dimension]} = ANY(${add(condition.values)}::text[])`);
  }

  // Which of the grain's columns the answer tells apart: grouped-by dimensions and segment conditions.
  const needed = new Set<string>(groupBy);
  for (const segment of request.segments ?? [])
    for (const c of segment as readonly Condition[]) needed.add(c.dimension);
  const dim = (i: number, column: string): { group: string; column: string; value: string } => {
    const d = grain.dims[i];
    const expr = d && needed.has(d) ? `r.${AUDIENCE_COLUMN[d]}` : '';
    return { group: expr, column, value: expr || `''` };
  };
  const attributes = groupBy.some((g) => ATTRIBUTES.includes(g));
  // Each key: the expression grouped by, the column as the cube reader reads cube rows, and its value
  // (formatted after grouping: grouping by raw columns, not by text built per row).
  const keys: { group: string; column: string; value: string }[] = [
    { group: 'r.day', column: 'day', value: `to_char(r.day, 'YYYY-MM-DD')` },
    // The reader groups by creative when asked, never by campaign (the scope names at most one).
    { group: '', column: 'campaign_id', value: `''` },
    needed.has('creative')
      ? { group: 'r.creative_id', column: 'creative_id', value: 'r.creative_id::text' }
      : { group: '', column: 'creative_id', value: `'${NO_CREATIVE}'` },
    ...DIM_COLUMNS.map((column, i) => dim(i, column)),
    ...(attributes
      ? [
          { group: 'c.format', column: 'format', value: 'c.format' },
          { group: 'c.theme', column: 'theme', value: `coalesce(c.theme, '(none)')` },
          { group: 'c.partner', column: 'partner', value: `coalesce(c.partner, '(none)')` },
        ]
      : []),
  ];
  const select = keys.map((k) => `${k.value} AS ${k.column}`).join(', ');
  const groups = keys
    .map((k) => k.group)
    .filter((g) => g !== '')
    .join(', ');
  const join = attributes ? ' JOIN creatives c ON c.org_id = r.org_id AND c.id = r.creative_id' : '';
  // A busy day's rows are grouped in memory, not on disk (in the reader's transaction, for it alone).
  await em.query(`SET LOCAL work_mem = '64MB'`);
  const counts = await em.query<RawRow[]>(
    `SELECT ${select}, ${EVENT_TYPES.map((t) => `sum(r."${METRIC_COLUMN_BY_TYPE[t]}")::float8 AS "${t}"`).join(', ')}
       FROM rollup_daily r${join} WHERE ${where.join(' AND ')} GROUP BY ${groups}`,
    values,
  );
  const keyOf = (row: RawRow): string =>
    [
      row['day'],
      row['campaign_id'],
      row['creative_id'],
      ...DIM_COLUMNS.map((column) => row[column]),
      row['format'],
      row['theme'],
      row['partner'],
    ].join('\u001f');
  const rows = new Map<string, LiveRow>();
  for (const row of counts) rows.set(keyOf(row), { ...row, live: true, sketch: null });
  if (!request.withReach) return [...rows.values()];

  // Each row's members as one value: an explicit-form sketch (a type byte, then the 8-byte hashes),
  // which ReachSketch reads as it reads the cube's own (a member seen on several creatives is counted
  // once there: no DISTINCT here); one row per group, not per member.
  const members = await em.query<(RawRow & { members: Buffer })[]>(
    `SELECT ${select}, decode('01', 'hex') || string_agg(int8send(r.member_hash), ''::bytea) AS members
       FROM reach_daily r${join} WHERE ${where.join(' AND ')} GROUP BY ${groups}`,
    values,
  );
  for (const { members: sketch, ...m } of members) {
    const key = keyOf(m);
    const row = rows.get(key);
    if (row) row.sketch = sketch;
    // Every reach row has an event, so its row has counts; kept anyway rather than lose reach.
    else rows.set(key, { ...m, ...Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])), live: true, sketch });
  }
  return [...rows.values()];
}
