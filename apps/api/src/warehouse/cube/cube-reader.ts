import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReachSketch } from '@resonance/analytics';
import type { EventType } from '@resonance/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { METRIC_COLUMN_BY_TYPE } from '../events/event-writer.js';
import type { AnalyticsScope, Condition, Period } from '../read/scope.js';
import type { GroupKey, TimeBucket } from '../read/sql.js';
import { ALL_CAMPAIGNS, bucketOf, chooseGrain, isAudienceKey, type CubeGrain } from './cube-grains.js';
import { liveDays, readLiveRows } from './live-days.js';
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

interface CubeRow {
  day: string;
  campaign_id: string;
  creative_id: string;
  d1: string;
  d2: string;
  format?: string;
  theme?: string;
  partner?: string;
  /** The row's own reach (exact or estimated), used when a group is this one row. */
  reach: string;
  reach_exact: boolean;
  /** The day's build (cube_days.built_version): the sketch cache's version. */
  version: string;
  sketch?: Buffer | null;
  /** A live day's row (see live-days.ts): its sketch holds the members read now, and reach is not stored. */
  live?: boolean;
  [metric: string]: unknown;
}

interface SketchRow {
  day: string;
  campaign_id: string;
  creative_id: string;
  d1: string;
  d2: string;
  version: string;
  sketch: Buffer | null;
}

/** Sketches kept in memory across requests (see SketchCache): at most this many bytes. */
const SKETCH_CACHE_BYTES = 128 * 1024 * 1024;

class Group {
  readonly events = Object.fromEntries(EVENT_TYPES.map((t) => [t, 0])) as Record<EventType, number>;
  private readonly rows: CubeRow[] = [];
  constructor(readonly keys: string[]) {}

  add(row: CubeRow): void {
    for (const type of EVENT_TYPES) this.events[type] += Number(row[type] ?? 0);
    this.rows.push(row);
  }

  cell(withReach: boolean): CubeCell {
    if (!withReach) return { keys: this.keys, events: this.events, reach: null, reachExact: true };
    const only = this.rows.length === 1 ? this.rows[0] : undefined;
    if (only && !only.live) {
      return { keys: this.keys, events: this.events, reach: Number(only.reach), reachExact: only.reach_exact };
    }
    const sketch = new ReachSketch();
    for (const row of this.rows) if (row.sketch) sketch.mergeBytes(row.sketch);
    const { value, exact } = sketch.estimate();
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

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Per segment (or once, without segments): the groups with data and the de-duplicated total. */
  async read(request: CubeRequest): Promise<{ cells: CubeCell[]; total: CubeCell }[] | null> {
    const grain = chooseGrain(request);
    if (!grain) return null;
    // The changed days, the cube's rows for the others, their sketches and the changed days' exact rows:
    // one snapshot, so every day is read once, from the cube or from its rows.
    const rows = await this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const live = await liveDays(em, request.scope.orgId, request.period.from, request.period.to);
      if (!live) return null;
      const found = await this.rows(em, grain, request, live);
      const fresh = await readLiveRows(em, grain, request, live);
      // A row alone in its group answers with its own reach; merged with others, with its sketch.
      if (request.withReach && found.length + fresh.length > 1) {
        await this.attachSketches(em, grain, request, found, live);
      }
      return [...found, ...fresh.map((row): CubeRow => ({ ...row, reach: '0', reach_exact: true, version: '0' }))];
    });
    if (!rows) return null;
    const dimIndex = (dimension: string): number => (grain.dims as readonly string[]).indexOf(dimension);
    const valueOf = (row: CubeRow, dimension: string): string => (dimIndex(dimension) === 0 ? row.d1 : row.d2);
    const keyOf = (row: CubeRow): string[] =>
      request.groupBy.map((key) => {
        if (key === 'day' || key === 'week' || key === 'month') return bucketOf(key as TimeBucket, row.day);
        if (isAudienceKey(key)) return valueOf(row, key);
        if (key === 'creative') return row.creative_id;
        return String(row[key] ?? '');
      });
    const segments = request.segments ?? [[]];
    return segments.map((conditions) => {
      const groups = new Map<string, Group>();
      const total = new Group([]);
      for (const row of rows) {
        if (!conditions.every((c) => c.values.includes(valueOf(row, c.dimension)))) continue;
        const keys = keyOf(row);
        const id = keys.join('\u001f');
        let group = groups.get(id);
        if (!group) groups.set(id, (group = new Group(keys)));
        group.add(row);
        total.add(row);
      }
      return {
        cells: [...groups.values()].map((g) => g.cell(request.withReach)),
        total: total.cell(request.withReach),
      };
    });
  }

  /** The WHERE clause for a grain and question (values appended to `values`), without the live days. */
  private where(grain: CubeGrain, request: CubeRequest, values: unknown[], live: readonly string[]): string[] {
    const { scope, period } = request;
    values.push(scope.orgId, grain.id, period.from, period.to);
    const add = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const where = ['r.org_id = $1', 'r.grain = $2', 'r.day BETWEEN $3::date AND $4::date'];
    if (live.length > 0) where.push(`r.day <> ALL(${add(live)}::date[])`);
    if (!grain.creative) where.push(`r.campaign_id = ${add(scope.campaign?.id ?? ALL_CAMPAIGNS)}::uuid`);
    else if (scope.campaign) where.push(`r.campaign_id = ${add(scope.campaign.id)}::uuid`);
    if (scope.creativeIds) where.push(`r.creative_id = ANY(${add(scope.creativeIds)}::uuid[])`);
    for (const condition of scope.conditions) {
      const column = grain.dims.indexOf(condition.dimension) === 0 ? 'r.d1' : 'r.d2';
      where.push(`${column} = ANY(${add(condition.values)}::text[])`);
    }
    return where;
  }

  private rows(em: EntityManager, grain: CubeGrain, request: CubeRequest, live: readonly string[]): Promise<CubeRow[]> {
    const values: unknown[] = [];
    const where = this.where(grain, request, values, live);
    const attributes = request.groupBy.some((g) => g === 'format' || g === 'theme' || g === 'partner');
    if (!request.withReach) return this.summedRows(em, request, where, values, attributes);
    const select = [
      `to_char(r.day, 'YYYY-MM-DD') AS day`,
      'r.campaign_id::text AS campaign_id',
      'r.creative_id::text AS creative_id',
      'r.d1',
      'r.d2',
      ...EVENT_TYPES.map((type) => `r."${METRIC_COLUMN_BY_TYPE[type]}"::float8 AS "${type}"`),
      ...(attributes
        ? ['c.format', `coalesce(c.theme, '(none)') AS theme`, `coalesce(c.partner, '(none)') AS partner`]
        : []),
      'r.reach::text AS reach',
      'r.reach_exact',
      `coalesce(v.built_version, 0)::text AS version`,
    ];
    const join =
      ' LEFT JOIN cube_days v ON v.org_id = r.org_id AND v.day = r.day' +
      (attributes ? ' JOIN creatives c ON c.org_id = r.org_id AND c.id = r.creative_id' : '');
    return em.query<CubeRow[]>(
      `SELECT ${select.join(', ')} FROM cube_daily r${join} WHERE ${where.join(' AND ')}`,
      values,
    );
  }

  /**
   * Without reach no sketch is needed, so rows that fall into the same group are added up by
   * PostgreSQL (by day only when the question has time buckets, by creative only when it groups by
   * creative), e.g. a creative's whole history is one row per age band and platform, not one per day.
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
    const groups = [
      ...(byDay ? ['r.day'] : []),
      ...(byCreative ? ['r.creative_id'] : []),
      'r.d1',
      'r.d2',
      ...(attributes ? ['c.format', 'c.theme', 'c.partner'] : []),
    ];
    const select = [
      byDay ? `to_char(r.day, 'YYYY-MM-DD') AS day` : `'' AS day`,
      `'' AS campaign_id`,
      byCreative ? 'r.creative_id::text AS creative_id' : `'' AS creative_id`,
      'r.d1',
      'r.d2',
      ...EVENT_TYPES.map((type) => `sum(r."${METRIC_COLUMN_BY_TYPE[type]}")::float8 AS "${type}"`),
      ...(attributes
        ? ['c.format', `coalesce(c.theme, '(none)') AS theme`, `coalesce(c.partner, '(none)') AS partner`]
        : []),
      `'0' AS reach`,
      'true AS reach_exact',
      `'0' AS version`,
    ];
    const join = attributes ? ' JOIN creatives c ON c.org_id = r.org_id AND c.id = r.creative_id' : '';
    return em.query<CubeRow[]>(
      `SELECT ${select.join(', ')} FROM cube_daily r${join} WHERE ${where.join(' AND ')} GROUP BY ${groups.join(', ')}`,
      values,
    );
  }

  /** Sketches for the rows: from the cache where it has them at the day's version, else read (and cached). */
  private async attachSketches(
    em: EntityManager,
    grain: CubeGrain,
    request: CubeRequest,
    rows: CubeRow[],
    live: readonly string[],
  ): Promise<void> {
    const keyOf = (r: { day: string; campaign_id: string; creative_id: string; d1: string; d2: string }): string =>
      `${request.scope.orgId}\u001f${grain.id}\u001f${r.campaign_id}\u001f${r.day}\u001f${r.creative_id}\u001f${r.d1}\u001f${r.d2}`;
    const missing = new Set<string>();
    for (const row of rows) {
      const cached = this.sketches.get(keyOf(row), row.version);
      if (cached === undefined) missing.add(row.day);
      else row.sketch = cached;
    }
    if (missing.size === 0) return;
    const values: unknown[] = [];
    const where = this.where(grain, request, values, live);
    values.push([...missing]);
    where.push(`r.day = ANY($${values.length}::date[])`);
    const read = await em.query<SketchRow[]>(
      `SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.campaign_id::text AS campaign_id, r.creative_id::text AS creative_id, r.d1, r.d2,
              coalesce(v.built_version, 0)::text AS version, r.sketch
         FROM cube_daily r LEFT JOIN cube_days v ON v.org_id = r.org_id AND v.day = r.day WHERE ${where.join(' AND ')}`,
      values,
    );
    const byKey = new Map(read.map((r) => [keyOf(r), r]));
    for (const row of rows) {
      if (!missing.has(row.day)) continue;
      const found = byKey.get(keyOf(row));
      row.sketch = found?.sketch ?? null;
      if (found) this.sketches.set(keyOf(row), found.version, found.sketch);
    }
  }
}
