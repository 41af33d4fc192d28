import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computeMetrics, type ComputedMetrics } from '@resonance/analytics';
import type { AnalyticsSource, RollupSource, EventType } from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { WarehouseError } from '../warehouse.errors.js';
import { CubeReader, type CubeCell } from '../cube/cube-reader.js';
import { cellKeySecret, type DisclosurePolicy } from './disclosure.js';
import { needsAudience, type AnalyticsScope, type Condition, type Period } from './scope.js';
import {
  buildCountsQuery,
  buildReachQuery,
  buildReachWithTotalQuery,
  buildSegmentCountsQuery,
  buildSegmentReachQuery,
  EVENT_TYPE_KEYS,
  type GroupKey,
} from './sql.js';
import { readOrgSettings } from '../org-settings.js';

/** One group's figures before suppression. `reach` null = not derivable for this question. */
export interface RawCell {
  keys: string[];
  /** Summed counts per event type, where read from the database (absent in zero-filled cells). */
  events?: Partial<Record<EventType, number>>;
  counts: ComputedMetrics;
  reach: number | null;
}

export interface ReadRequest {
  scope: AnalyticsScope;
  period: Period;
  groupBy: readonly GroupKey[];
  source: RollupSource;
  /** Whether reach can be answered (see reachAvailability). */
  withReach: boolean;
  /** Records what answered (for meta.source and meta.reach.method). */
  trace?: ReadTrace;
}

/** What answered a response's reads: the cube, and whether any reach figure was a sketch estimate. */
export interface ReadTrace {
  cube: boolean;
  reachEstimated: boolean;
}

export function newTrace(): ReadTrace {
  return { cube: false, reachEstimated: false };
}

/**
 * Which rollup answers a question:
 * - hour buckets, or a time zone other than the organisation's → rollup_hourly (UTC hours, bucketed
 *   with AT TIME ZONE); it has no audience dimensions, so audience filters/breakdowns are refused there;
 * - audience filters or audience breakdowns (age band, gender, region, language) → rollup_daily;
 * - otherwise → rollup_daily_creative (smallest).
 */
export function chooseSource(params: { scope: AnalyticsScope; groupBy: readonly GroupKey[] }): RollupSource {
  const { scope, groupBy } = params;
  const hourly = groupBy.includes('hour') || scope.tz !== scope.orgTimeZone;
  const audience = needsAudience(scope, groupBy);
  if (hourly && audience) {
    throw new WarehouseError(
      'unsupported_combination',
      `Audience filters or breakdowns (ageBand, gender, region, language, or a segment using them) work on the ` +
        `organisation's reporting days (${scope.orgTimeZone}) only: leave out tz or set tz=${scope.orgTimeZone}, ` +
        `and use granularity day, week or month.`,
      { field: groupBy.includes('hour') ? 'granularity' : 'tz', orgTimeZone: scope.orgTimeZone },
    );
  }
  if (hourly) return 'rollup_hourly';
  return audience ? 'rollup_daily' : 'rollup_daily_creative';
}

/** Why reach cannot be answered exactly for this question, or null when it can. */
export function reachUnavailableReason(params: { scope: AnalyticsScope; groupBy: readonly GroupKey[] }): string | null {
  if (params.groupBy.includes('hour')) {
    return 'Reach is not derivable per hour: distinct members are kept per day, and hourly reach cannot be built from them.';
  }
  if (params.scope.tz !== params.scope.orgTimeZone) {
    return (
      `Reach is not derivable in ${params.scope.tz}: distinct members are kept per reporting day in the ` +
      `organisation's time zone (${params.scope.orgTimeZone}). Ask without tz for reach.`
    );
  }
  return null;
}

function toEvents(row: Record<string, unknown>, prefix = ''): Partial<Record<EventType, number>> {
  const events: Partial<Record<EventType, number>> = {};
  for (const type of EVENT_TYPE_KEYS) events[type] = Number(row[`${prefix}${type}`] ?? 0);
  return events;
}

/** Adds up additive counts of disjoint cells (the total of a breakdown or a series). */
export function sumCounts(cells: readonly RawCell[]): ComputedMetrics {
  const raw: Partial<Record<EventType, number>> = {};
  for (const cell of cells) {
    for (const type of EVENT_TYPE_KEYS) raw[type] = (raw[type] ?? 0) + (cell.events?.[type] ?? 0);
  }
  return computeMetrics(raw);
}

/** work_mem for distinct-count statements (a constant, never from input). */
const DISTINCT_WORK_MEM = '64MB';

export const EMPTY_COUNTS: ComputedMetrics = computeMetrics({});

@Injectable()
export class AnalyticsReader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cube: CubeReader,
  ) {}

  /**
   * The cube's answer when its grains cover the question (the usual case: totals, trends, one or two
   * audience dimensions, three or more across all campaigns, creatives with one audience dimension);
   * null otherwise, and the rollups answer.
   */
  private async fromCube(
    request: ReadRequest,
    segments?: readonly (readonly Condition[])[],
  ): Promise<{ cells: RawCell[]; total: RawCell }[] | null> {
    const question = {
      scope: request.scope,
      period: request.period,
      groupBy: request.groupBy,
      withReach: request.withReach,
      ...(segments ? { segments } : {}),
    };
    // rollup_hourly's questions (hour buckets, other time zones) from the cube's hour grain.
    const results =
      request.source === 'rollup_hourly' ? await this.cube.readHours(question) : await this.cube.read(question);
    if (!results) return null;
    const toRaw = (cell: CubeCell): RawCell => {
      if (request.trace && !cell.reachExact) request.trace.reachEstimated = true;
      return { keys: cell.keys, events: cell.events, counts: computeMetrics(cell.events), reach: cell.reach };
    };
    if (request.trace) request.trace.cube = true;
    return results.map((r) => ({ cells: r.cells.map(toRaw), total: toRaw(r.total) }));
  }

  /** Counts (and reach, when asked) per group; groups with no rows are absent. */
  async read(request: ReadRequest): Promise<RawCell[]> {
    const cube = await this.fromCube(request);
    if (cube) return cube[0]?.cells ?? [];
    const spec = { scope: request.scope, period: request.period, groupBy: request.groupBy };
    const counts = buildCountsQuery(request.source, spec);
    const reach = request.withReach ? buildReachQuery(spec) : null;
    const [countRows, reachRows] = await Promise.all([
      this.dataSource.query<Record<string, unknown>[]>(counts.sql, counts.params),
      reach ? this.distinctQuery<Record<string, unknown>>(reach) : Promise.resolve([]),
    ]);
    const n = request.groupBy.length;
    const keyOf = (row: Record<string, unknown>): string[] => Array.from({ length: n }, (_, i) => String(row[`g${i}`]));
    const cells = new Map<string, RawCell>();
    for (const row of countRows) {
      const keys = keyOf(row);
      const events = toEvents(row);
      cells.set(JSON.stringify(keys), {
        keys,
        events,
        counts: computeMetrics(events),
        reach: request.withReach ? 0 : null,
      });
    }
    for (const row of reachRows) {
      const keys = keyOf(row);
      const id = JSON.stringify(keys);
      const cell = cells.get(id) ?? { keys, counts: EMPTY_COUNTS, reach: 0 };
      cell.reach = Number(row['reach'] ?? 0);
      cells.set(id, cell);
    }
    return [...cells.values()];
  }

  /**
   * Distinct counts hash every member of the window: with the default work_mem (4 MB) a few hundred
   * thousand members spill to disk. Raised for this one statement only (SET LOCAL in its transaction).
   */
  private distinctQuery<T>(query: { sql: string; params: unknown[] }): Promise<T[]> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SET LOCAL work_mem = '${DISTINCT_WORK_MEM}'`);
      return em.query<T[]>(query.sql, query.params);
    });
  }

  /**
   * Groups and their total in one go: counts per group (the total adds them up) and reach per group
   * plus the de-duplicated total reach from a single scan of reach_daily.
   */
  async readWithTotal(request: ReadRequest): Promise<{ cells: RawCell[]; total: RawCell }> {
    const cube = await this.fromCube(request);
    if (cube?.[0]) return cube[0];
    if (!request.withReach || request.groupBy.length === 0) {
      const cells = await this.read(request);
      return { cells, total: await this.totalOf(request, cells) };
    }
    const spec = { scope: request.scope, period: request.period, groupBy: request.groupBy };
    const counts = buildCountsQuery(request.source, spec);
    const [countRows, reachRows] = await Promise.all([
      this.dataSource.query<Record<string, unknown>[]>(counts.sql, counts.params),
      this.distinctQuery<Record<string, unknown>>(buildReachWithTotalQuery(spec)),
    ]);
    const n = request.groupBy.length;
    const keyOf = (row: Record<string, unknown>): string[] => Array.from({ length: n }, (_, i) => String(row[`g${i}`]));
    const cells = new Map<string, RawCell>();
    for (const row of countRows) {
      const keys = keyOf(row);
      const events = toEvents(row);
      cells.set(JSON.stringify(keys), { keys, events, counts: computeMetrics(events), reach: 0 });
    }
    let totalReach = 0;
    for (const row of reachRows) {
      const value = Number(row['reach'] ?? 0);
      if (Number(row['t']) === 1) {
        totalReach = value;
        continue;
      }
      const keys = keyOf(row);
      const id = JSON.stringify(keys);
      const cell = cells.get(id) ?? { keys, counts: EMPTY_COUNTS, reach: 0 };
      cell.reach = value;
      cells.set(id, cell);
    }
    const list = [...cells.values()];
    return { cells: list, total: { keys: [], counts: sumCounts(list), reach: totalReach } };
  }

  /** The total of disjoint cells read by `read`: counts added up, reach a separate distinct count. */
  async totalOf(request: Omit<ReadRequest, 'groupBy'>, cells: readonly RawCell[]): Promise<RawCell> {
    const counts = sumCounts(cells);
    if (!request.withReach) return { keys: [], counts, reach: null };
    const reach = buildReachQuery({ scope: request.scope, period: request.period, groupBy: [] });
    const [row] = await this.distinctQuery<{ reach: number }>(reach);
    return { keys: [], counts, reach: Number(row?.reach ?? 0) };
  }

  /**
   * Several segments (condition lists, ANDed with the scope) in one scan per table; result[i] are the
   * groups of segment i with any data.
   */
  async readSegments(request: ReadRequest & { segments: readonly (readonly Condition[])[] }): Promise<RawCell[][]> {
    const { segments } = request;
    if (segments.length === 0) return [];
    const cube = await this.fromCube(request, segments);
    if (cube) {
      return cube.map(({ cells }) => {
        const withData = cells.filter((c) => Object.values(c.events ?? {}).some((v) => v > 0) || (c.reach ?? 0) > 0);
        if (request.groupBy.length === 0 && withData.length === 0) {
          return [{ keys: [], counts: EMPTY_COUNTS, reach: request.withReach ? 0 : null }];
        }
        return withData;
      });
    }
    const spec = { scope: request.scope, period: request.period, groupBy: request.groupBy, segments };
    const counts = buildSegmentCountsQuery(request.source, spec);
    const reach = request.withReach ? buildSegmentReachQuery(spec) : null;
    const [countRows, reachRows] = await Promise.all([
      this.dataSource.query<Record<string, unknown>[]>(counts.sql, counts.params),
      reach ? this.distinctQuery<Record<string, unknown>>(reach) : Promise.resolve([]),
    ]);
    const n = request.groupBy.length;
    const keyOf = (row: Record<string, unknown>): string[] => Array.from({ length: n }, (_, i) => String(row[`g${i}`]));
    return segments.map((_, s) => {
      const cells = new Map<string, RawCell>();
      for (const row of countRows) {
        const events = toEvents(row, `s${s}_`);
        if (!Object.values(events).some((v) => v > 0)) continue;
        const keys = keyOf(row);
        cells.set(JSON.stringify(keys), {
          keys,
          events,
          counts: computeMetrics(events),
          reach: request.withReach ? 0 : null,
        });
      }
      for (const row of reachRows) {
        const value = Number(row[`s${s}_reach`] ?? 0);
        if (value === 0) continue;
        const keys = keyOf(row);
        const id = JSON.stringify(keys);
        const cell = cells.get(id) ?? { keys, counts: EMPTY_COUNTS, reach: 0 };
        cell.reach = value;
        cells.set(id, cell);
      }
      if (n === 0 && cells.size === 0)
        cells.set('[]', { keys: [], counts: EMPTY_COUNTS, reach: request.withReach ? 0 : null });
      return [...cells.values()];
    });
  }

  /**
   * Counts per group for a caller that publishes counts only (planning): the source is chosen here
   * (the cube when one of its grains covers the question, else the rollup chooseSource picks), reach is
   * not read, and the answer says which store answered.
   */
  async readCounts(params: {
    scope: AnalyticsScope;
    period: Period;
    groupBy: readonly GroupKey[];
  }): Promise<{ cells: RawCell[]; source: AnalyticsSource }> {
    const source = chooseSource({ scope: params.scope, groupBy: params.groupBy });
    const trace = newTrace();
    const cells = await this.read({ ...params, source, withReach: false, trace });
    return { cells, source: trace.cube ? 'cube_daily' : source };
  }

  /** The first and last reporting day with figures (null when there are none): "the whole history". */
  async history(orgId: string): Promise<Period | null> {
    const [row] = await this.dataSource.query<{ from: string | null; to: string | null }[]>(
      // Raw and packed days (event-packer.ts), each store's bounds read from its index.
      `SELECT to_char(min(day), 'YYYY-MM-DD') AS "from", to_char(max(day), 'YYYY-MM-DD') AS "to"
         FROM (SELECT min(day) AS day FROM events WHERE org_id = $1 UNION ALL SELECT max(day) FROM events WHERE org_id = $1
               UNION ALL SELECT min(day) FROM events_packed WHERE org_id = $1 UNION ALL SELECT max(day) FROM events_packed WHERE org_id = $1) d`,
      [orgId],
    );
    return row?.from && row.to ? { from: row.from, to: row.to } : null;
  }

  /** One ungrouped cell (zero when there is no data). */
  async readTotal(request: Omit<ReadRequest, 'groupBy'>): Promise<RawCell> {
    const [cell] = await this.read({ ...request, groupBy: [] });
    return cell ?? { keys: [], counts: EMPTY_COUNTS, reach: request.withReach ? 0 : null };
  }

  /** Hour bucket starts (UTC ISO) whose local day lies in the period: the zero-filled hour axis. */
  async hourAxis(params: { tz: string; period: Period }): Promise<{ start: string; label: string }[]> {
    const rows = await this.dataSource.query<{ start: string; label: string }[]>(
      `SELECT to_char(h AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS".000Z"') AS start,
              to_char(h AT TIME ZONE $1::text, 'YYYY-MM-DD"T"HH24:MI') AS label
         FROM generate_series(
                date_trunc('hour', $2::date::timestamp AT TIME ZONE $1::text, 'UTC') - interval '1 hour',
                (($3::date + 1)::timestamp AT TIME ZONE $1::text) + interval '1 hour',
                interval '1 hour') AS h
        WHERE (h AT TIME ZONE $1::text)::date BETWEEN $2::date AND $3::date
        ORDER BY h`,
      [params.tz, params.period.from, params.period.to],
    );
    return rows;
  }

  /** Organisation settings analytics needs. */
  async organization(orgId: string): Promise<{ timeZone: string; threshold: number; disclosure: DisclosurePolicy }> {
    const settings = await readOrgSettings(this.dataSource, orgId);
    const threshold = settings?.suppressionThreshold ?? 11;
    return {
      timeZone: settings?.timeZone ?? 'UTC',
      threshold,
      disclosure: { threshold, cellKeySecret: cellKeySecret(settings?.memberKeySecret ?? Buffer.alloc(32)) },
    };
  }

  /**
   * Platform-reported reach inside the window, at its own grain (never summed here or anywhere), in
   * the order of every key column; at most REPORTED_REACH_LISTED, each row carrying the full count.
   */
  async reportedReach(params: { scope: AnalyticsScope; period: Period }): Promise<RawReportedReach[]> {
    const { scope, period } = params;
    const where = ['org_id = $1', 'reach IS NOT NULL', 'period_start >= $2::date', 'period_end <= $3::date'];
    const values: unknown[] = [scope.orgId, period.from, period.to];
    if (scope.campaign) {
      values.push(scope.campaign.id);
      where.push(`campaign_id = $${values.length}::uuid`);
    }
    if (scope.creativeIds) {
      values.push(scope.creativeIds);
      where.push(`creative_id = ANY($${values.length}::uuid[])`);
    }
    const columns: Record<string, string> = {
      platform: 'platform',
      ageBand: 'age_band',
      gender: 'gender',
      region: 'region',
    };
    for (const condition of scope.conditions) {
      const column = columns[condition.dimension];
      // A filter on a dimension the platform did not report at (language, or a null column) is another grain.
      if (!column) return [];
      values.push(condition.values);
      where.push(`${column} = ANY($${values.length}::text[])`);
    }
    return this.dataSource.query<RawReportedReach[]>(
      `SELECT grain, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end,
              platform, campaign_id::text AS campaign_id, creative_id::text AS creative_id, age_band, gender, region,
              reach::float8 AS reach, (count(*) OVER ())::int AS total
         FROM reported_periods WHERE ${where.join(' AND ')}
        ORDER BY period_start, period_end, grain, platform, campaign_id, creative_id NULLS FIRST, age_band NULLS FIRST,
                 gender NULLS FIRST, region NULLS FIRST, row_key
        LIMIT ${REPORTED_REACH_LISTED}`,
      values,
    );
  }
}

/** Most platform-reported reach figures an answer lists; meta says how many more there were. */
export const REPORTED_REACH_LISTED = 200;

export interface RawReportedReach {
  grain: string;
  period_start: string;
  period_end: string;
  platform: string;
  campaign_id: string;
  creative_id: string | null;
  age_band: string | null;
  gender: string | null;
  region: string | null;
  reach: number;
  /** How many figures matched in all (the list is capped). */
  total: number;
}
