import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReachSketch, readyForUnion, type ReachInput } from '@resonance/analytics';
import type { EventType } from '@resonance/contracts';
import { LRUCache } from 'lru-cache';
import { DataSource, type EntityManager } from 'typeorm';
import { METRIC_COLUMN_BY_TYPE } from '../events/event-writer.js';
import type { AnalyticsScope, Condition, Period } from '../read/scope.js';
import { bucketExpr, type GroupKey, type TimeBucket } from '../read/sql.js';
import {
  ALL_CAMPAIGNS,
  bucketOf,
  chooseGrain,
  coveredByHourGrain,
  DIM_COLUMNS,
  HOUR_GRAIN,
  hourCellDays,
  isAudienceKey,
  isWeekGrain,
  weekCellsFit,
  weekGrainOf,
  wholeWeeks,
  type CubeGrain,
} from './cube-grains.js';
import { addDays, eachDay } from '../../common/time/dates.js';
import { liveDays, liveRowsCondition, readLiveRows, wholeDays, type LiveDay } from './live-days.js';
import { SketchCache } from './sketch-cache.js';

const EVENT_TYPES = Object.keys(METRIC_COLUMN_BY_TYPE) as EventType[];

/** A group's figures from the cube: summed counts, and reach from the union of its sketches. */
export interface CubeCell {
  keys: string[];
  events: Record<EventType, number>;
  reach: number | null;
  /** False when reach is a sketch estimate rather than an exact count. */
  reachExact: boolean;
}

export interface CubeRequest {
  scope: AnalyticsScope;
  period: Period;
  groupBy: readonly GroupKey[];
  withReach: boolean;
  /** Segments (condition lists ANDed with the scope): one result per segment. */
  segments?: readonly (readonly Condition[])[];
}

/** cube_daily's dimension columns as read (d1 … d5). */
type DimValues = Record<(typeof DIM_COLUMNS)[number], string>;

interface CubeRow extends DimValues {
  day: string;
  campaign_id: string;
  creative_id: string;
  format?: string;
  theme?: string;
  partner?: string;
  /** The row's own reach (exact or estimated), used when a group is this one row. */
  reach: string;
  reach_exact: boolean;
  /** The day's build (cube_days.built_version): the sketch cache's version. */
  version: string;
  /** A live day's row only: its members, as read (a built cell's sketch is looked up per request, see Sketches). */
  sketch?: ReachInput | null;
  /** A live day's row (see live-days.ts): its sketch holds the members read now, and reach is not stored. */
  live?: boolean;
  [metric: string]: unknown;
}

interface SketchRow extends DimValues {
  day: string;
  campaign_id: string;
  creative_id: string;
  version: string;
  sketch: Buffer | null;
}

const emptyEvents = (): Record<EventType, number> =>
  Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>;

/** Sketches kept in memory across requests (see SketchCache): at most this many bytes. */
const SKETCH_CACHE_BYTES = 128 * 1024 * 1024;
/**
 * Cube rows kept in memory across requests (see cached): at most this many rows in all. A row as the
 * driver gives it takes about 1.3 KB of heap (its strings are its own), so this is ≈ 65 MB: five reach
 * breakdowns by creative over a month (10k rows each at 10M events) and the planning sums beside them.
 */
const KEPT_ROWS = 50_000;

/**
 * The sketches of one request's rows, ready for unions: kept beside the rows rather than on them, since
 * a question's cells are kept across requests (see cached) and read by several at once.
 */
type Sketches = Map<CubeRow, ReachInput | null>;

class Group {
  readonly events = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>;
  private readonly rows: CubeRow[] = [];
  constructor(readonly keys: string[]) {}

  add(row: CubeRow): void {
    for (const type of EVENT_TYPES) this.events[type] += Number(row[type] ?? 0);
    this.rows.push(row);
  }

  cell(withReach: boolean, sketchOf: Sketches): CubeCell {
    if (!withReach) return { keys: this.keys, events: this.events, reach: null, reachExact: true };
    const only = this.rows.length === 1 ? this.rows[0] : undefined;
    if (only && !only.live) {
      return { keys: this.keys, events: this.events, reach: Number(only.reach), reachExact: only.reach_exact };
    }
    const sketches: ReachInput[] = [];
    for (const row of this.rows) {
      const sketch = row.live ? row.sketch : sketchOf.get(row);
      if (sketch) sketches.push(sketch);
    }
    const { value, exact } = ReachSketch.estimateUnion(sketches);
    return { keys: this.keys, events: this.events, reach: value, reachExact: exact };
  }
}

/**
 * Answers analytics questions from the cube (see cube-grains.ts) when a grain covers them:
 * a few rows per day and group instead of rollup_daily cells and a distinct count over
 * reach_daily. Days changed since their last build are read from their exact rows and merged in
 * (live-days.ts): a question never waits for a rebuild. Returns null when no grain covers the
 * question, or when more than MAX_LIVE_DAYS of its days changed (the rollups answer, exactly, until
 * the refresher catches up).
 */
@Injectable()
export class CubeReader {
  private readonly sketches = new SketchCache(SKETCH_CACHE_BYTES);
  private readonly kept = new LRUCache<string, { stamp: string | null; rows: CubeRow[] }>({
    maxSize: KEPT_ROWS,
    sizeCalculation: (entry) => entry.rows.length + 1,
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Per segment (or once, without segments): the groups with data and the de-duplicated total. Each
   * segment is answered from the smallest grain that covers it (a report's "everyone" row from the
   * total grain, a four-rule saved segment from the full audience cells); segments sharing a grain
   * share one read, and every read comes from one snapshot. A breakdown's de-duplicated total reach is
   * the reach of the same question without its groups, so it is read from the smallest grain for that
   * (e.g. 30 daily totals rather than the union of 22k creative × gender cells): the same members, so
   * the same count or estimate.
   */
  async read(request: CubeRequest): Promise<{ cells: CubeCell[]; total: CubeCell }[] | null> {
    const segments = request.segments ?? [[]];
    const grains: CubeGrain[] = [];
    const totalGrains: (CubeGrain | null)[] = [];
    for (const segment of segments) {
      const grain = chooseGrain({ scope: request.scope, groupBy: request.groupBy, segments: [segment] });
      if (!grain) return null;
      grains.push(grain);
      const totalGrain =
        request.withReach && request.groupBy.length > 0
          ? chooseGrain({ scope: request.scope, groupBy: [], segments: [segment] })
          : null;
      totalGrains.push(totalGrain && totalGrain !== grain ? totalGrain : null);
    }
    /** Per grain and kind of read (groups, or totals only): the segments it answers. */
    const plan = new Map<string, { grain: CubeGrain; request: CubeRequest; segments: (readonly Condition[])[] }>();
    const planned = (grain: CubeGrain, totals: boolean, segment: readonly Condition[]): string => {
      const key = `${grain.id}${totals ? '#total' : ''}`;
      const entry = plan.get(key) ?? { grain, request: totals ? { ...request, groupBy: [] } : request, segments: [] };
      entry.segments.push(segment);
      plan.set(key, entry);
      return key;
    };
    const keys = segments.map((segment, i) => {
      const totalGrain = totalGrains[i];
      return {
        groups: planned(grains[i] as CubeGrain, false, segment),
        total: totalGrain ? planned(totalGrain, true, segment) : null,
      };
    });
    const sketchOf: Sketches = new Map();
    const readAll = async (em: EntityManager, live: readonly LiveDay[]): Promise<Map<string, CubeRow[]>> => {
      const found = new Map<string, CubeRow[]>();
      for (const [key, entry] of plan) {
        // Whole weeks none of whose days changed since their build are read from week cells (reach
        // questions of creative grains), the other days from day cells — a changed day's cells too when
        // its events since the build are read live, else the day is read live whole.
        const week = entry.request.withReach
          ? this.weekPlan(
              entry.grain,
              entry.request,
              live.map((d) => d.day),
            )
          : null;
        const whole = wholeDays(live);
        const skipped = week ? [...whole, ...week.days] : whole;
        const rows = await this.rows(em, entry.grain, entry.request, entry.segments, skipped);
        const weekRows = week ? await this.rows(em, week.grain, week.request, entry.segments, week.skipped) : [];
        const fresh = await readLiveRows(em, entry.grain, { ...entry.request, segments: entry.segments }, live);
        // A row alone in its group answers with its own reach; merged with others, with its sketch.
        if (entry.request.withReach && rows.length + weekRows.length + fresh.length > 1) {
          await this.attachSketches(em, entry.grain, entry.request, entry.segments, rows, skipped, sketchOf);
          if (week)
            await this.attachSketches(em, week.grain, week.request, entry.segments, weekRows, week.skipped, sketchOf);
        }
        found.set(key, [
          ...rows,
          ...weekRows,
          ...fresh.map((row): CubeRow => ({ ...row, reach: '0', reach_exact: true, version: '0' })),
        ]);
      }
      return found;
    };
    // The changed days, the cube's rows for the others, their sketches, the days' versions and the
    // changed days' exact rows: one snapshot, so every day is read once, from the cube or from its rows.
    const rowsByRead = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const live = await liveDays(em, request.scope.orgId, request.period.from, request.period.to);
      if (!live) return null;
      // Cube reads are index scans over a few thousand rows, or sums over a grain's history: compiling
      // them (JIT, past jit_above_cost) took longer than running them (0.4 s of a 3 s planning read).
      await em.query('SET LOCAL jit = off');
      return readAll(em, live);
    });
    if (!rowsByRead) return null;
    const matches = (grain: CubeGrain, conditions: readonly Condition[]) => {
      const column = (dimension: string): (typeof DIM_COLUMNS)[number] =>
        DIM_COLUMNS[(grain.dims as readonly string[]).indexOf(dimension)] ?? 'd1';
      return (row: CubeRow): boolean => conditions.every((c) => c.values.includes(row[column(c.dimension)]));
    };
    return segments.map((conditions, i) => {
      const grain = grains[i] as CubeGrain;
      const column = (dimension: string): (typeof DIM_COLUMNS)[number] =>
        DIM_COLUMNS[(grain.dims as readonly string[]).indexOf(dimension)] ?? 'd1';
      const keyOf = (row: CubeRow): string[] =>
        request.groupBy.map((key) => {
          if (key === 'day' || key === 'week' || key === 'month') return bucketOf(key as TimeBucket, row.day);
          if (isAudienceKey(key)) return row[column(key)];
          if (key === 'creative') return row.creative_id;
          return String(row[key] ?? '');
        });
      const groups = new Map<string, Group>();
      const total = new Group([]);
      const inSegment = matches(grain, conditions);
      const read = keys[i] as { groups: string; total: string | null };
      for (const row of rowsByRead.get(read.groups) ?? []) {
        if (!inSegment(row)) continue;
        const keys = keyOf(row);
        const id = keys.join('\u001f');
        let group = groups.get(id);
        if (!group) groups.set(id, (group = new Group(keys)));
        group.add(row);
        if (!read.total) total.add(row);
      }
      if (read.total) {
        const inTotal = matches(totalGrains[i] as CubeGrain, conditions);
        for (const row of rowsByRead.get(read.total) ?? []) if (inTotal(row)) total.add(row);
      }
      return {
        cells: [...groups.values()].map((g) => g.cell(request.withReach, sketchOf)),
        total: total.cell(request.withReach, sketchOf),
      };
    });
  }

  /**
   * A rollup_hourly question (hour buckets, or days/weeks/months in another time zone; counts only)
   * from the hour grain (HOUR_GRAIN): the organisation's or the campaign's hour cells per platform, and
   * for days changed since their build (live-days.ts) their rollup_hourly rows since the build (or all
   * of them when the day is read whole), in one snapshot; then
   * bucketed by the rollup path's own expressions over the same UTC hours, so the answer is the one
   * rollup_hourly gives. Null when the grain does not cover the question (coveredByHourGrain) or more
   * than MAX_LIVE_DAYS of the days read changed.
   */
  async readHours(request: CubeRequest): Promise<{ cells: CubeCell[]; total: CubeCell }[] | null> {
    const { scope, period, groupBy } = request;
    if (request.withReach) return null;
    if (!coveredByHourGrain({ scope, groupBy, period, ...(request.segments ? { segments: request.segments } : {}) }))
      return null;
    const segments = request.segments ?? [[]];
    // Platform is told apart when grouped by, or when a segment tests it (its filter is applied here).
    const byPlatform = groupBy.includes('platform') || segments.some((s) => s.length > 0);
    const cellDays = hourCellDays(period);
    const rows = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const live = await liveDays(em, scope.orgId, cellDays.from, cellDays.to);
      if (!live) return null;
      await em.query('SET LOCAL jit = off');
      const values: unknown[] = [];
      const add = (value: unknown): string => {
        values.push(value);
        return `$${values.length}`;
      };
      const org = add(scope.orgId);
      const metrics = EVENT_TYPES.map((t) => `r."${METRIC_COLUMN_BY_TYPE[t]}"`).join(', ');
      const parts = [
        `SELECT r.d2::timestamptz AS hour, r.d1 AS platform, ${metrics} FROM cube_daily r
          WHERE r.org_id = ${org} AND r.grain = '${HOUR_GRAIN.id}' AND r.campaign_id = ${add(scope.campaign?.id ?? ALL_CAMPAIGNS)}::uuid
            AND r.day BETWEEN ${add(cellDays.from)}::date AND ${add(cellDays.to)}::date
            ${wholeDays(live).length > 0 ? `AND r.day <> ALL(${add(wholeDays(live))}::date[])` : ''}`,
      ];
      if (live.length > 0) {
        // A live day's UTC hours (its bounds are UTC hours: coveredByHourGrain): the whole day, or its
        // events since its build (whose hour cells the first part reads).
        const orgTz = add(scope.orgTimeZone);
        parts.push(
          `SELECT r.hour, r.platform, ${metrics} FROM rollup_hourly r
            WHERE r.org_id = ${org} AND ${liveRowsCondition(live, add)}
              AND r.hour >= (r.day::timestamp AT TIME ZONE ${orgTz}::text)
              AND r.hour < ((r.day + 1)::timestamp AT TIME ZONE ${orgTz}::text)
            ${scope.campaign ? `AND r.campaign_id = ${add(scope.campaign.id)}::uuid` : ''}`,
        );
      }
      let tzParam: string | null = null;
      const tz = (): string => (tzParam ??= `${add(scope.tz)}::text`);
      const keys = groupBy.map((key) =>
        key === 'hour' || key === 'day' || key === 'week' || key === 'month'
          ? bucketExpr(key, 'rollup_hourly', tz)
          : 'r.platform',
      );
      if (byPlatform && !groupBy.includes('platform')) keys.push('r.platform');
      const from = add(period.from);
      const to = add(period.to);
      // As the rollup path: an index range with an hour of slack either side, then the exact local-day test.
      const where = [
        `r.hour >= (${from}::date::timestamp AT TIME ZONE ${tz()}) - interval '1 hour'`,
        `r.hour < ((${to}::date + 1)::timestamp AT TIME ZONE ${tz()}) + interval '1 hour'`,
        `(r.hour AT TIME ZONE ${tz()})::date BETWEEN ${from}::date AND ${to}::date`,
        ...scope.conditions.map((c) => `r.platform = ANY(${add(c.values)}::text[])`),
      ];
      const sums = EVENT_TYPES.map((t) => `coalesce(sum(r."${METRIC_COLUMN_BY_TYPE[t]}"), 0)::float8 AS "${t}"`);
      const select = [...keys.map((k, i) => `${k} AS g${i}`), ...sums].join(', ');
      const grouped = keys.length > 0 ? ` GROUP BY ${keys.map((_, i) => `g${i}`).join(', ')}` : '';
      return em.query<Record<string, unknown>[]>(
        `SELECT ${select} FROM (${parts.join(' UNION ALL ')}) r WHERE ${where.join(' AND ')}${grouped}`,
        values,
      );
    });
    if (!rows) return null;
    const platformKey = groupBy.includes('platform') ? `g${groupBy.indexOf('platform')}` : `g${groupBy.length}`;
    return segments.map((conditions) => {
      const groups = new Map<string, CubeCell>();
      const total: CubeCell = { keys: [], events: emptyEvents(), reach: null, reachExact: true };
      for (const row of rows) {
        const platform = String(row[platformKey] ?? '');
        if (!conditions.every((c) => c.values.includes(platform))) continue;
        const keys = groupBy.map((_, i) => String(row[`g${i}`]));
        const id = keys.join('\u001f');
        let cell = groups.get(id);
        if (!cell) groups.set(id, (cell = { keys, events: emptyEvents(), reach: null, reachExact: true }));
        for (const type of EVENT_TYPES) {
          const n = Number(row[type] ?? 0);
          cell.events[type] += n;
          total.events[type] += n;
        }
      }
      return { cells: [...groups.values()], total };
    });
  }

  /**
   * The WHERE clause for a grain and question (values appended to `values`): the scope's filters, and
   * rows of at least one of the segments the grain answers (a full-audience-cell read fetches only the
   * matching cells, not every cell of every day), without the live days.
   */
  private where(
    grain: CubeGrain,
    request: CubeRequest,
    segments: readonly (readonly Condition[])[],
    values: unknown[],
    live: readonly string[],
  ): string[] {
    const { scope, period } = request;
    values.push(scope.orgId, grain.id, period.from, period.to);
    const add = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const where = ['r.org_id = $1', 'r.grain = $2', 'r.day BETWEEN $3::date AND $4::date'];
    // The days to read, listed rather than the others excluded: a list is tested in the index scan, while
    // an exclusion was a filter on fetched rows (2/3 of a 30-day creative read, once weeks were skipped).
    if (live.length > 0) {
      const skipped = new Set(live);
      where.push(`r.day = ANY(${add(eachDay(period.from, period.to).filter((d) => !skipped.has(d)))}::date[])`);
    }
    if (!grain.creative) where.push(`r.campaign_id = ${add(scope.campaign?.id ?? ALL_CAMPAIGNS)}::uuid`);
    else if (scope.campaign) where.push(`r.campaign_id = ${add(scope.campaign.id)}::uuid`);
    else {
      // Creative cells are kept per campaign, and campaign_id precedes day in the key: without the
      // campaigns listed, an organisation-wide read scanned the grain's entries of every day it holds.
      // The campaigns with cells in the window are those with a per-campaign total cell on its days
      // (built from the same rows; a week cell's days run to its Sunday).
      where.push(
        `r.campaign_id = ANY(ARRAY(SELECT DISTINCT t.campaign_id FROM cube_daily t WHERE t.org_id = $1 AND t.grain = 'total'` +
          ` AND t.campaign_id <> '${ALL_CAMPAIGNS}'::uuid AND t.day BETWEEN $3::date AND $4::date + 6))`,
      );
    }
    if (scope.creativeIds) where.push(`r.creative_id = ANY(${add(scope.creativeIds)}::uuid[])`);
    const test = (condition: Condition): string =>
      `r.${DIM_COLUMNS[grain.dims.indexOf(condition.dimension)] ?? 'd1'} = ANY(${add(condition.values)}::text[])`;
    for (const condition of scope.conditions) where.push(test(condition));
    if (segments.length > 0 && segments.every((segment) => segment.length > 0)) {
      where.push(`(${segments.map((segment) => `(${segment.map(test).join(' AND ')})`).join(' OR ')})`);
    }
    return where;
  }

  /**
   * Which whole weeks of a question its week cells answer (WEEK_GRAINS): those within the period none
   * of whose days is live, when the grain has week cells and the question's time buckets (none, or
   * weeks) hold whole weeks. Returns the week grain, the request reading its cells (under each week's
   * Monday), the Mondays in that range not to read, and the days the week cells stand for.
   */
  private weekPlan(
    grain: CubeGrain,
    request: CubeRequest,
    live: readonly string[],
  ): { grain: CubeGrain; request: CubeRequest; skipped: string[]; days: string[] } | null {
    const weekGrain = weekGrainOf(grain);
    if (!weekGrain || !weekCellsFit(request.groupBy)) return null;
    const changed = new Set(live);
    const all = wholeWeeks(request.period.from, request.period.to);
    const weeks = all.filter((monday) => ![0, 1, 2, 3, 4, 5, 6].some((i) => changed.has(addDays(monday, i))));
    const first = weeks[0];
    const last = weeks[weeks.length - 1];
    if (!first || !last) return null;
    return {
      grain: weekGrain,
      request: { ...request, period: { from: first, to: last } },
      skipped: all.filter((monday) => !weeks.includes(monday)),
      days: weeks.flatMap((monday) => [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i))),
    };
  }

  /**
   * The build a cell comes from, for the sketch cache: its day's build version, or for a week cell the
   * sum of its seven days' (each only grows, and a week cell is rebuilt with every build of its days).
   */
  private versionJoin(grain: CubeGrain): string {
    if (!isWeekGrain(grain)) return ' LEFT JOIN cube_days v ON v.org_id = r.org_id AND v.day = r.day';
    return (
      ` LEFT JOIN (SELECT date_trunc('week', w.day::timestamp)::date AS day, sum(w.built_version) AS built_version` +
      ` FROM cube_days w WHERE w.org_id = $1 AND w.day BETWEEN $3::date AND $4::date + 6 GROUP BY 1) v ON v.day = r.day`
    );
  }

  private rows(
    em: EntityManager,
    grain: CubeGrain,
    request: CubeRequest,
    segments: readonly (readonly Condition[])[],
    live: readonly string[],
  ): Promise<CubeRow[]> {
    const values: unknown[] = [];
    const where = this.where(grain, request, segments, values, live);
    const attributes = request.groupBy.some((g) => g === 'format' || g === 'theme' || g === 'partner');
    if (!request.withReach) return this.summedRows(em, request, where, values, attributes);
    const select = [
      `to_char(r.day, 'YYYY-MM-DD') AS day`,
      'r.campaign_id::text AS campaign_id',
      'r.creative_id::text AS creative_id',
      ...DIM_COLUMNS.map((d) => `r.${d}`),
      ...EVENT_TYPES.map((type) => `r."${METRIC_COLUMN_BY_TYPE[type]}"::float8 AS "${type}"`),
      ...(attributes
        ? ['c.format', `coalesce(c.theme, '(none)') AS theme`, `coalesce(c.partner, '(none)') AS partner`]
        : []),
      'r.reach::text AS reach',
      'r.reach_exact',
      `coalesce(v.built_version, 0)::text AS version`,
    ];
    const join =
      this.versionJoin(grain) + (attributes ? ' JOIN creatives c ON c.org_id = r.org_id AND c.id = r.creative_id' : '');
    // A week cell holds its Monday's week: the builds of days up to the last Monday's Sunday stamp it.
    const stampedTo = isWeekGrain(grain) ? addDays(request.period.to, 6) : request.period.to;
    return this.cached(
      em,
      { orgId: request.scope.orgId, from: request.period.from, to: stampedTo, attributes },
      `SELECT ${select.join(', ')} FROM cube_daily r${join} WHERE ${where.join(' AND ')}`,
      values,
    );
  }

  /**
   * Without reach no sketch is needed, so rows that fall into the same group are added up by
   * PostgreSQL (by day only when the question has time buckets, by creative only when it groups by
   * creative), e.g. a creative's whole history is one row per age band and platform, not one per day.
   * The cube rows are added up first and the (few) sums joined with the creatives' attributes after:
   * joining first would look a creative up for every day and cell (a planning question reads ~100k).
   */
  private summedRows(
    em: EntityManager,
    request: CubeRequest,
    where: string[],
    values: unknown[],
    attributes: boolean,
  ): Promise<CubeRow[]> {
    const byDay = request.groupBy.some((g) => g === 'day' || g === 'week' || g === 'month');
    const byCreative = request.groupBy.includes('creative');
    const inner = [
      ...(byDay ? ['r.day'] : []),
      ...(byCreative || attributes ? ['r.creative_id'] : []),
      ...DIM_COLUMNS.map((d) => `r.${d}`),
    ];
    const sums = EVENT_TYPES.map((type) => `sum(r."${METRIC_COLUMN_BY_TYPE[type]}") AS "${type}"`);
    const summed = `SELECT ${[...inner, ...sums].join(', ')} FROM cube_daily r WHERE ${where.join(' AND ')} GROUP BY ${inner.join(', ')}`;
    const keys = [
      byDay ? `to_char(s.day, 'YYYY-MM-DD') AS day` : `'' AS day`,
      `'' AS campaign_id`,
      byCreative ? 's.creative_id::text AS creative_id' : `'' AS creative_id`,
      ...DIM_COLUMNS.map((d) => `s.${d}`),
    ];
    const constants = [`'0' AS reach`, 'true AS reach_exact', `'0' AS version`];
    const stamp = { orgId: request.scope.orgId, from: request.period.from, to: request.period.to, attributes };
    if (!attributes) {
      const select = [...keys, ...EVENT_TYPES.map((type) => `s."${type}"::float8 AS "${type}"`), ...constants];
      return this.cached(em, stamp, `SELECT ${select.join(', ')} FROM (${summed}) s`, values);
    }
    // Grouped again by the attributes: creatives sharing a format (or theme) add up.
    const select = [
      ...keys,
      ...EVENT_TYPES.map((type) => `sum(s."${type}")::float8 AS "${type}"`),
      'c.format',
      `coalesce(c.theme, '(none)') AS theme`,
      `coalesce(c.partner, '(none)') AS partner`,
      ...constants,
    ];
    const groups = [
      ...(byDay ? ['s.day'] : []),
      ...(byCreative ? ['s.creative_id'] : []),
      ...DIM_COLUMNS.map((d) => `s.${d}`),
      'c.format',
      'c.theme',
      'c.partner',
    ];
    return this.cached(
      em,
      stamp,
      `SELECT ${select.join(', ')} FROM (${summed}) s JOIN creatives c ON c.org_id = $1 AND c.id = s.creative_id
        GROUP BY ${groups.join(', ')}`,
      values,
    );
  }

  /**
   * Runs a statement over cube cells, or answers it from memory when the same statement was run while
   * every day of `from`–`to` was at the build it is at now: a day's build version only grows, and its
   * cells change only with it, so the days' versions (one row per day of cube_days) stamp the answer
   * exactly — and, for a statement that groups by creatives' attributes, the attributes themselves (a
   * creative's theme can be edited without any day changing). A planning or insights question sums a
   * grain's whole history (~100k rows at 1M events); a reach question reads each cell's row (10k for a
   * breakdown by creative over a month): asked again, either costs one read of ≤ 366 version rows.
   */
  private async cached(
    em: EntityManager,
    stamp: { orgId: string; from: string; to: string; attributes: boolean },
    sql: string,
    values: unknown[],
  ): Promise<CubeRow[]> {
    // Two plain statements, each on one organisation's rows (a single shard's on Citus).
    const [days] = await em.query<{ stamp: string | null }[]>(
      `SELECT md5(string_agg(to_char(day, 'YYYY-MM-DD') || ':' || built_version::text, ',' ORDER BY day)) AS stamp
         FROM cube_days WHERE org_id = $1 AND day BETWEEN $2::date AND $3::date`,
      [stamp.orgId, stamp.from, stamp.to],
    );
    let current = days?.stamp ?? null;
    if (stamp.attributes && current !== null) {
      const [creatives] = await em.query<{ stamp: string | null }[]>(
        `SELECT md5(string_agg(ROW(id, format, theme, partner)::text, ',' ORDER BY id)) AS stamp
           FROM creatives WHERE org_id = $1`,
        [stamp.orgId],
      );
      current += `:${creatives?.stamp ?? ''}`;
    }
    const key = `${sql}\u001f${JSON.stringify(values)}`;
    const kept = this.kept.get(key);
    if (kept && kept.stamp === current) return kept.rows;
    const rows = await em.query<CubeRow[]>(sql, values);
    this.kept.set(key, { stamp: current, rows });
    return rows;
  }

  /** Sketches for the rows (into `sketchOf`): from the cache where it has them at the day's version, else read (and cached). */
  private async attachSketches(
    em: EntityManager,
    grain: CubeGrain,
    request: CubeRequest,
    segments: readonly (readonly Condition[])[],
    rows: CubeRow[],
    live: readonly string[],
    sketchOf: Sketches,
  ): Promise<void> {
    const keyOf = (r: SketchRow | CubeRow): string =>
      [request.scope.orgId, grain.id, r.campaign_id, r.day, r.creative_id, ...DIM_COLUMNS.map((d) => r[d])].join(
        '\u001f',
      );
    const missing = new Set<string>();
    for (const row of rows) {
      const cached = this.sketches.get(keyOf(row), row.version);
      if (cached === undefined) missing.add(row.day);
      else sketchOf.set(row, cached);
    }
    if (missing.size === 0) return;
    const values: unknown[] = [];
    const where = this.where(grain, request, segments, values, live);
    values.push([...missing]);
    where.push(`r.day = ANY($${values.length}::date[])`);
    const read = await em.query<SketchRow[]>(
      `SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.campaign_id::text AS campaign_id, r.creative_id::text AS creative_id,
              ${DIM_COLUMNS.map((d) => `r.${d}`).join(', ')},
              coalesce(v.built_version, 0)::text AS version, r.sketch
         FROM cube_daily r${this.versionJoin(grain)} WHERE ${where.join(' AND ')}`,
      values,
    );
    const byKey = new Map(read.map((r) => [keyOf(r), r]));
    for (const row of rows) {
      if (!missing.has(row.day)) continue;
      const found = byKey.get(keyOf(row));
      const sketch = found?.sketch ? readyForUnion(found.sketch) : null;
      sketchOf.set(row, sketch);
      if (found) this.sketches.set(keyOf(row), found.version, sketch);
    }
  }
}
