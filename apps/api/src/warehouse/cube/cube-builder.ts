import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReachSketch } from '@resonance/analytics';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../../infra/database/connection-faults.js';
import { pgPool, withPgTransaction } from '../../infra/database/pg-transaction.js';
import { METRIC_COLUMNS } from '../events/event-writer.js';
import {
  ALL_CAMPAIGNS,
  AUDIENCE_COLUMN,
  CUBE_GRAINS,
  DIM_COLUMNS,
  HOUR_GRAIN,
  keepsHourCells,
  NO_CREATIVE,
  WEEK_GRAINS,
  type CubeGrain,
} from './cube-grains.js';
import { weekStart } from '../../common/time/dates.js';

/** The background refresher's period, and the longest it waits between tries while passes fail. */
const REFRESH_MS = 2_000;
const MAX_BACKOFF_MS = 30_000;
/**
 * A day the background refresher built less than this long ago waits for a later pass when it is
 * marked again: while a day is being written (today under steady ingest), questions read its rows
 * anyway (live-days.ts), and rebuilding it after every batch only takes the CPU they need. Once the
 * writes stop, it is built within this long (plus a pass).
 */
const BUSY_DAY_REBUILD_MS = 10_000;
/**
 * A rebuild runs in the api's own process: its JavaScript work (a busy day's sketches take seconds)
 * gives way to requests every this many member rows / cells, so questions are not held behind it.
 */
const YIELD_EVERY_MEMBERS = 2_000;
const YIELD_EVERY_CELLS = 200;
const yieldToRequests = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Columns GROUPING() is taken over, in bit order (first = most significant bit). */
const GROUPING_COLUMNS = ['campaign_id', 'creative_id', 'platform', 'age_band', 'gender', 'region', 'language'];

interface GroupingSet {
  grain: CubeGrain;
  allCampaigns: boolean;
  columns: string[];
}

const GROUPING_SETS: GroupingSet[] = CUBE_GRAINS.flatMap((grain) => {
  const dims = grain.dims.map((d) => AUDIENCE_COLUMN[d]);
  const perCampaign = {
    grain,
    allCampaigns: false,
    columns: ['campaign_id', ...(grain.creative ? ['creative_id'] : []), ...dims],
  };
  const allCampaigns = { grain, allCampaigns: true, columns: dims };
  if (grain.creative) return [perCampaign];
  return grain.allCampaignsOnly ? [allCampaigns] : [perCampaign, allCampaigns];
});

/** GROUPING(…) value of a set: a 1 bit for every column the set does NOT group by. */
function groupingMask(columns: readonly string[]): number {
  return GROUPING_COLUMNS.reduce((mask, column) => (mask << 1) | (columns.includes(column) ? 0 : 1), 0);
}

const SET_INDEX_BY_MASK = new Map(GROUPING_SETS.map((set, i) => [groupingMask(set.columns), i]));
/**
 * Per grouping set, the indexes (into GROUPING_COLUMNS) of the columns that identify a cell: a creative
 * belongs to one campaign, so creative sets leave campaign_id out.
 */
export const SET_COLUMN_INDEXES = GROUPING_SETS.map((set) =>
  set.columns
    .filter((c) => !(c === 'campaign_id' && set.columns.includes('creative_id')))
    .map((c) => GROUPING_COLUMNS.indexOf(c)),
);

/**
 * A cell's key within its grouping set and day, from the interned values (`ids`, indexed like
 * GROUPING_COLUMNS) of the set's key columns: up to three 16-bit values packed into an exact integer
 * (below 2^48); the full audience cell (five or six columns) as a string, one per member row and day.
 */
export function cellKey(set: number, ids: readonly number[]): number | string {
  const columns = SET_COLUMN_INDEXES[set] as number[];
  if (columns.length > 3) return columns.map((c) => ids[c]).join(',');
  let composite = 0;
  for (const c of columns) composite = composite * 65_536 + (ids[c] as number);
  return composite;
}

const COUNTS_SQL = `
  SELECT GROUPING(${GROUPING_COLUMNS.join(', ')})::int AS mask, ${GROUPING_COLUMNS.map((c) => `${c}::text AS ${c}`).join(', ')},
         ${METRIC_COLUMNS.map((c) => `sum("${c}")::text AS "${c}"`).join(', ')}
    FROM rollup_daily
   WHERE org_id = $1 AND day = $2::date
   GROUP BY GROUPING SETS (${GROUPING_SETS.map((s) => `(${s.columns.join(', ')})`).join(', ')})`;

const REACH_SQL = `
  SELECT (member_hash >> 32)::int AS hi, (member_hash & 4294967295)::float8 AS lo, campaign_id::text AS campaign_id, creative_id::text AS creative_id,
         platform, age_band, gender, region, language
    FROM (SELECT DISTINCT member_hash, campaign_id, creative_id, platform, age_band, gender, region, language
            FROM reach_daily WHERE org_id = $1 AND day = $2::date) r`;

/**
 * The day's hour cells (HOUR_GRAIN): rollup_hourly's UTC hours within the organisation-local day, per
 * campaign and platform and for all campaigns together per platform.
 */
const HOURS_SQL = `
  SELECT GROUPING(r.campaign_id)::int AS all_campaigns, r.campaign_id::text AS campaign_id, r.platform,
         to_char(r.hour AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS hour,
         ${METRIC_COLUMNS.map((c) => `sum(r."${c}")::text AS "${c}"`).join(', ')}
    FROM rollup_hourly r
   WHERE r.org_id = $1 AND r.day = $2::date AND r.hour >= ($2::date::timestamp AT TIME ZONE $3::text)
     AND r.hour < (($2::date + 1)::timestamp AT TIME ZONE $3::text)
   GROUP BY GROUPING SETS ((r.hour, r.campaign_id, r.platform), (r.hour, r.platform))`;

/**
 * All of a day's sketches travel as ONE binary parameter (the concatenated bytes, cut apart with
 * substring by offset and length): a bytea[] parameter would be sent as hex text, twice the size,
 * and parsing it was most of a rebuild's write time.
 */
const N = METRIC_COLUMNS.length;
const D = DIM_COLUMNS.length;
const INSERT_SQL = `
  INSERT INTO cube_daily (org_id, grain, campaign_id, day, creative_id, ${DIM_COLUMNS.join(', ')}, ${METRIC_COLUMNS.map((c) => `"${c}"`).join(', ')}, sketch, reach, reach_exact)
  SELECT $1, t.grain, t.campaign_id, $2::date, t.creative_id, ${DIM_COLUMNS.map((d) => `t.${d}`).join(', ')}, ${METRIC_COLUMNS.map((_, i) => `t.m${i}`).join(', ')},
         CASE WHEN t.len > 0 THEN substring($${D + N + 6}::bytea FROM t.off + 1 FOR t.len) END, t.reach, t.reach_exact
    FROM unnest($3::text[], $4::uuid[], $5::uuid[], ${DIM_COLUMNS.map((_, i) => `$${i + 6}::text[]`).join(', ')}, ${METRIC_COLUMNS.map((_, i) => `$${D + i + 6}::bigint[]`).join(', ')},
                $${D + N + 7}::int[], $${D + N + 8}::int[], $${D + N + 9}::bigint[], $${D + N + 10}::boolean[])
      AS t(grain, campaign_id, creative_id, ${DIM_COLUMNS.join(', ')}, ${METRIC_COLUMNS.map((_, i) => `m${i}`).join(', ')}, off, len, reach, reach_exact)`;

interface CubeRow {
  grain: string;
  campaignId: string;
  creativeId: string;
  /** d1 … d5: the grain's dimension values, '' beyond its dimensions. */
  dims: string[];
  metrics: string[];
  sketch: ReachSketch | null;
}

type Row = Record<string, string | null>;

function keyOf(set: GroupingSet, row: Row): { campaignId: string; creativeId: string; dims: string[] } {
  return {
    campaignId: set.allCampaigns ? ALL_CAMPAIGNS : (row['campaign_id'] ?? ''),
    creativeId: set.grain.creative ? (row['creative_id'] ?? '') : NO_CREATIVE,
    dims: DIM_COLUMNS.map((_, i) => {
      const dimension = set.grain.dims[i];
      return dimension ? (row[AUDIENCE_COLUMN[dimension]] ?? '') : '';
    }),
  };
}

/** Cells' reach estimates and storage forms, computed giving way to requests now and then. */
async function encode(
  rows: readonly CubeRow[],
): Promise<{ estimates: { value: number; exact: boolean }[]; sketches: (Uint8Array | null)[] }> {
  const estimates: { value: number; exact: boolean }[] = [];
  const sketches: (Uint8Array | null)[] = [];
  for (const [i, r] of rows.entries()) {
    if (i % YIELD_EVERY_CELLS === YIELD_EVERY_CELLS - 1) await yieldToRequests();
    estimates.push(r.sketch?.estimate() ?? { value: 0, exact: true });
    sketches.push(r.sketch && !r.sketch.isEmpty ? r.sketch.toBytes() : null);
  }
  return { estimates, sketches };
}

function compareCells(x: CubeRow, y: CubeRow): number {
  const a = [x.grain, x.campaignId, x.creativeId, ...x.dims];
  const b = [y.grain, y.campaignId, y.creativeId, ...y.dims];
  for (let i = 0; i < a.length; i++) {
    const [p, q] = [a[i] as string, b[i] as string];
    if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

/** Inserts cells of one day (or one week, under its Monday) in one statement. */
async function insertCells(
  tx: PoolClient,
  orgId: string,
  day: string,
  cells: readonly CubeRow[],
  encoded: { estimates: { value: number; exact: boolean }[]; sketches: (Uint8Array | null)[] },
): Promise<void> {
  if (cells.length === 0) return;
  // Written in key order (grain, campaign, creative, dimensions), so that a grain's cells of a day lie
  // together in the table: a read of a grain over some days fetches a few pages per day instead of one
  // per cell (the order they come from the GROUPING SETS query is its hash tables').
  const order = cells.map((_, i) => i).sort((x, y) => compareCells(cells[x] as CubeRow, cells[y] as CubeRow));
  const rows = order.map((i) => cells[i] as CubeRow);
  const estimates = order.map((i) => encoded.estimates[i] as { value: number; exact: boolean });
  const sketches = order.map((i) => encoded.sketches[i] ?? null);
  const offsets: number[] = [];
  let offset = 0;
  for (const bytes of sketches) {
    offsets.push(offset);
    offset += bytes?.length ?? 0;
  }
  await tx.query(INSERT_SQL, [
    orgId,
    day,
    rows.map((r) => r.grain),
    rows.map((r) => r.campaignId),
    rows.map((r) => r.creativeId),
    ...DIM_COLUMNS.map((_, i) => rows.map((r) => r.dims[i] ?? '')),
    ...METRIC_COLUMNS.map((_, i) => rows.map((r) => r.metrics[i] ?? '0')),
    Buffer.concat(sketches.filter((b): b is Uint8Array => b !== null)),
    offsets,
    sketches.map((b) => b?.length ?? 0),
    estimates.map((e) => e.value),
    estimates.map((e) => e.exact),
  ]);
}

const WEEK_GRAIN_IDS = [...WEEK_GRAINS.values()].map((g) => g.id);

/**
 * Keeps the analytics cube current. Ingest and imports mark each day they change in cube_dirty (in
 * their own transaction); the background refresher rebuilds marked days from rollup_daily and
 * reach_daily every 2 s (refreshAll). Questions never wait for a rebuild: until a day's build is
 * current they read that day's exact rows (live-days.ts), so they still see every write committed
 * before them. While passes fail (the database is away), the refresher logs once and backs off to
 * every 30 s; marks stay, so nothing is skipped.
 */
@Injectable()
export class CubeBuilder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CubeBuilder.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Background passes failed in a row. */
  private failedPasses = 0;
  /** Whether cube_dirty is distributed by Citus (null until first asked). */
  private distributed: boolean | null = null;
  /** When this process last built each organisation-day (recent builds only). */
  private readonly builtAt = new Map<string, number>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Background refresh: every 2 s, rebuild whatever days were marked since. */
  onApplicationBootstrap(): void {
    this.schedule(REFRESH_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      const pass = this.running ? Promise.resolve() : this.run(true);
      void pass.finally(() => this.schedule(Math.min(REFRESH_MS * 2 ** this.failedPasses, MAX_BACKOFF_MS)));
    }, delayMs);
    this.timer.unref();
  }

  /**
   * Rebuilds every day marked before the call, once each. One pass runs at a time: a call made
   * during a pass waits for it and then runs a pass of its own (the running one may have listed
   * its days before this call's marks). A day still being written stays marked for the next pass.
   */
  refreshAll(): Promise<void> {
    return this.run(false);
  }

  /** A pass of refreshAll; in the background, days built moments ago wait (BUSY_DAY_REBUILD_MS). */
  private async run(background: boolean): Promise<void> {
    while (this.running) await this.running;
    if (this.stopped) return;
    this.running = this.pass(background).finally(() => {
      this.running = null;
    });
    await this.running;
  }

  private async pass(background: boolean): Promise<void> {
    try {
      const now = Date.now();
      for (const [key, at] of this.builtAt) if (now - at >= BUSY_DAY_REBUILD_MS) this.builtAt.delete(key);
      for (const d of await this.pendingDays()) {
        if (this.stopped) return;
        const key = `${d.org_id} ${d.day}`;
        if (background && this.builtAt.has(key)) continue;
        if (await this.rebuildDay(d.org_id, d.day)) this.builtAt.set(key, Date.now());
      }
      if (this.failedPasses > 0)
        this.logger.log(`background cube refresh resumed after ${this.failedPasses} failed passes`);
      this.failedPasses = 0;
    } catch (error) {
      if (this.stopped) return;
      this.failedPasses += 1;
      // Once per outage (or per distinct failure), not every 2 s.
      if (this.failedPasses === 1 || !isDatabaseUnavailable(error)) {
        this.logger.warn(
          `background cube refresh failed: ${(error as Error).message}; retrying with back-off (up to ${MAX_BACKOFF_MS / 1000} s)`,
        );
      }
    }
  }

  /**
   * Every pending mark, oldest first. On one PostgreSQL that is one query. On a Citus cluster
   * (cube_dirty distributed by org_id) one query without org_id would be sent to every shard every
   * 2 s; instead the organisations are listed from their reference table (read on the coordinator)
   * and each one's marks are asked with its org_id — a router query to the one worker holding it.
   */
  private async pendingDays(): Promise<{ org_id: string; day: string }[]> {
    this.distributed ??= await this.isDistributed();
    if (!this.distributed) {
      return this.dataSource.query<{ org_id: string; day: string }[]>(
        `SELECT org_id::text AS org_id, to_char(day, 'YYYY-MM-DD') AS day FROM cube_dirty WHERE pending ORDER BY marked_at`,
      );
    }
    const orgs = await this.dataSource.query<{ id: string }[]>(`SELECT id::text AS id FROM organizations ORDER BY id`);
    const days: { org_id: string; day: string; marked_at: number }[] = [];
    for (const org of orgs) {
      if (this.stopped) break;
      days.push(
        ...(await this.dataSource.query<{ org_id: string; day: string; marked_at: number }[]>(
          `SELECT org_id::text AS org_id, to_char(day, 'YYYY-MM-DD') AS day, extract(epoch FROM marked_at)::float8 AS marked_at
             FROM cube_dirty WHERE org_id = $1 AND pending ORDER BY 3`,
          [org.id],
        )),
      );
    }
    return days.sort((x, y) => x.marked_at - y.marked_at);
  }

  /** Whether cube_dirty is a Citus distributed table (asked once per process). */
  private async isDistributed(): Promise<boolean> {
    const rows = await this.dataSource.query<{ distributed: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')
              AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                           WHERE c.relname = 'pg_dist_partition' AND n.nspname = 'pg_catalog') AS distributed`,
    );
    if (!rows[0]?.distributed) return false;
    const dist = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_dist_partition WHERE logicalrelid = 'cube_dirty'::regclass AND partmethod = 'h'`,
    );
    return (dist[0]?.n ?? 0) > 0;
  }

  /**
   * Rebuilds one organisation-day if it is marked; returns whether it wrote a build.
   *
   * Versions are per (org_id, day) row: a writer inserts 1 or bumps the stored version under the
   * row lock (no sequence: on Citus a sequence is not one counter across nodes, and nextval is not
   * allowed in a distributed upsert). The mark row is never deleted — a build clears `pending` — so a
   * day's versions only grow and `built_version >= v` means a build at least as new is stored.
   *
   * Read phase, in one REPEATABLE READ snapshot: the day's pending version v, then its rollup and
   * reach rows — exactly the writes marked up to v (versions follow commit order for a day). Write
   * phase, serialised per day: skip if a build of v or later is already stored; else replace the
   * day's cells, record v, and clear the mark if it is still v.
   * A writer in flight holds the mark's row lock, so that last step waits for its commit and then
   * sees the newer version: the day stays marked. Writers never wait for the (slow) read phase.
   */
  async rebuildDay(orgId: string, day: string): Promise<boolean> {
    const pool = pgPool(this.dataSource);
    const client = await pool.connect();
    let version: string;
    let rows: CubeRow[];
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      // The counts query sorts a day's rollup cells for each grouping set: in memory, not on disk.
      await client.query(`SET LOCAL work_mem = '64MB'`);
      const mark = await client.query<{ version: string }>(
        `SELECT version::text AS version FROM cube_dirty WHERE org_id = $1 AND day = $2::date AND pending`,
        [orgId, day],
      );
      if (!mark.rows[0]) {
        await client.query('COMMIT');
        return false;
      }
      version = mark.rows[0].version;
      rows = await this.buildRows(client, orgId, day);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    // Encoded before the write phase (no lock held meanwhile), giving way to requests now and then.
    const encoded = await encode(rows);
    return withPgTransaction(this.dataSource, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('cube_day'), hashtext($1::text || $2::text))`, [
        orgId,
        day,
      ]);
      const built = await tx.query<{ newer: boolean }>(
        `SELECT built_version >= $3::bigint AS newer FROM cube_days WHERE org_id = $1 AND day = $2::date`,
        [orgId, day, version],
      );
      if (built.rows[0]?.newer) return false;
      // The day's own cells (a Monday's week cells are rebuilt below).
      await tx.query(`DELETE FROM cube_daily WHERE org_id = $1 AND day = $2::date AND NOT grain = ANY($3::text[])`, [
        orgId,
        day,
        WEEK_GRAIN_IDS,
      ]);
      await insertCells(tx, orgId, day, rows, encoded);
      await tx.query(
        `INSERT INTO cube_days (org_id, day, built_version) VALUES ($1, $2::date, $3::bigint)
         ON CONFLICT (org_id, day) DO UPDATE SET built_version = excluded.built_version`,
        [orgId, day, version],
      );
      await this.rebuildWeek(tx, orgId, weekStart(day), day, version);
      await tx.query(
        `UPDATE cube_dirty SET pending = false WHERE org_id = $1 AND day = $2::date AND version = $3::bigint`,
        [orgId, day, version],
      );
      return true;
    });
  }

  /**
   * A week's cells (WEEK_GRAINS), in the transaction that has just replaced one of its days: the counts
   * summed and the sketches merged over the week's current day cells. Serialised per week, and read
   * after taking the lock, so a rebuild of another day of the week committed meanwhile is included, and
   * one still running waits and rebuilds the week after this one.
   *
   * While another day of the week is marked, the week is left as it is: readers use a week's cells only
   * when none of its days is marked (cube-reader.ts weekPlan), and that day's own build comes here
   * later (checked under the lock, so of two days built at once the later one sees the other's mark
   * cleared and rebuilds the week). A backfill of a week thus rebuilds its cells once, not seven times;
   * whenever no day of a week is marked, its cells hold the current build of all seven days. The same
   * holds for the day being built when it was written to again since its build began (a later version
   * is marked): its next build rebuilds the week, so while ingest keeps writing today the current week
   * is not rebuilt on every pass (readers would not use it while today is marked anyway).
   */
  private async rebuildWeek(
    tx: PoolClient,
    orgId: string,
    monday: string,
    day: string,
    version: string,
  ): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('cube_week'), hashtext($1::text || $2::text))`, [
      orgId,
      monday,
    ]);
    const others = await tx.query(
      `SELECT 1 FROM cube_dirty
        WHERE org_id = $1 AND day BETWEEN $2::date AND $2::date + 6 AND pending
          AND (day <> $3::date OR version > $4::bigint)
        LIMIT 1`,
      [orgId, monday, day, version],
    );
    if ((others.rowCount ?? 0) > 0) return;
    await tx.query(`DELETE FROM cube_daily WHERE org_id = $1 AND day = $2::date AND grain = ANY($3::text[])`, [
      orgId,
      monday,
      WEEK_GRAIN_IDS,
    ]);
    const cells = await tx.query<Row & { sketch: Buffer | null }>(
      `SELECT grain, campaign_id::text AS campaign_id, creative_id::text AS creative_id, ${DIM_COLUMNS.join(', ')},
              ${METRIC_COLUMNS.map((c) => `"${c}"::text AS "${c}"`).join(', ')}, sketch
         FROM cube_daily
        WHERE org_id = $1 AND day BETWEEN $2::date AND $2::date + 6 AND grain = ANY($3::text[])`,
      [orgId, monday, [...WEEK_GRAINS.keys()]],
    );
    const week = new Map<string, CubeRow & { sums: bigint[] }>();
    for (const [i, cell] of cells.rows.entries()) {
      if (i % YIELD_EVERY_CELLS === YIELD_EVERY_CELLS - 1) await yieldToRequests();
      const dims = DIM_COLUMNS.map((d) => (cell[d] as string | null) ?? '');
      const key = [cell['grain'], cell['campaign_id'], cell['creative_id'], ...dims].join('\u001f');
      let target = week.get(key);
      if (!target) {
        target = {
          grain: (WEEK_GRAINS.get(cell['grain'] as string) as CubeGrain).id,
          campaignId: cell['campaign_id'] ?? '',
          creativeId: cell['creative_id'] ?? '',
          dims,
          metrics: [],
          sums: METRIC_COLUMNS.map(() => 0n),
          sketch: null,
        };
        week.set(key, target);
      }
      const sums = target.sums;
      METRIC_COLUMNS.forEach((c, m) => (sums[m] = (sums[m] ?? 0n) + BigInt(cell[c] ?? '0')));
      if (cell.sketch) (target.sketch ??= new ReachSketch()).mergeBytes(cell.sketch);
    }
    const rows: CubeRow[] = [...week.values()].map(({ sums, ...row }) => ({
      ...row,
      metrics: sums.map((n) => n.toString()),
    }));
    await insertCells(tx, orgId, monday, rows, await encode(rows));
  }

  private async buildRows(client: PoolClient, orgId: string, day: string): Promise<CubeRow[]> {
    // Cells are keyed by numbers (interned column values), not strings: this loop runs once per
    // member-creative-day and grouping set, and string keys made it the slowest part of a rebuild.
    const interned = new Map<string, number>();
    const ids = new Array<number>(GROUPING_COLUMNS.length);
    const intern = (row: Row): void => {
      for (let c = 0; c < GROUPING_COLUMNS.length; c++) {
        const value = row[GROUPING_COLUMNS[c] as string] ?? '';
        let id = interned.get(value);
        if (id === undefined) {
          if (interned.size >= 65_536) throw new Error(`cube: more than 65,536 distinct values on ${day}`);
          interned.set(value, (id = interned.size));
        }
        ids[c] = id;
      }
    };
    // One map per grouping set: a cell's key is unique within its set.
    const cells = GROUPING_SETS.map(() => new Map<number | string, CubeRow>());
    const counts = await client.query<Row>(COUNTS_SQL, [orgId, day]);
    for (const row of counts.rows) {
      const s = SET_INDEX_BY_MASK.get(Number(row['mask']));
      if (s === undefined) continue;
      intern(row);
      const set = GROUPING_SETS[s] as GroupingSet;
      (cells[s] as Map<number | string, CubeRow>).set(cellKey(s, ids), {
        grain: set.grain.id,
        ...keyOf(set, row),
        metrics: METRIC_COLUMNS.map((c) => row[c] ?? '0'),
        sketch: null,
      });
    }
    // The hash as its two 32-bit halves (numbers): no BigInt parse per member row.
    const members = await client.query<Row>(REACH_SQL, [orgId, day]);
    for (const [i, row] of members.rows.entries()) {
      if (i % YIELD_EVERY_MEMBERS === YIELD_EVERY_MEMBERS - 1) await yieldToRequests();
      const hash = { hi: Number(row['hi']) >>> 0, lo: Number(row['lo']) };
      intern(row);
      for (let s = 0; s < GROUPING_SETS.length; s++) {
        const key = cellKey(s, ids);
        const rows = cells[s] as Map<number | string, CubeRow>;
        let target = rows.get(key);
        if (!target) {
          // Every reach row has an event, so its cell has counts; kept anyway rather than lose reach.
          const set = GROUPING_SETS[s] as GroupingSet;
          target = { grain: set.grain.id, ...keyOf(set, row), metrics: METRIC_COLUMNS.map(() => '0'), sketch: null };
          rows.set(key, target);
        }
        (target.sketch ??= new ReachSketch()).addPrepared(hash);
      }
    }
    const built = cells.flatMap((rows) => [...rows.values()]);
    // Hour cells, where the day's bounds are UTC hours (see HOUR_GRAIN).
    const [org] = (
      await client.query<{ time_zone: string }>(`SELECT time_zone FROM organizations WHERE id = $1`, [orgId])
    ).rows;
    if (org && keepsHourCells(org.time_zone, day)) {
      const hours = await client.query<Row>(HOURS_SQL, [orgId, day, org.time_zone]);
      for (const row of hours.rows) {
        built.push({
          grain: HOUR_GRAIN.id,
          campaignId: Number(row['all_campaigns']) === 1 ? ALL_CAMPAIGNS : (row['campaign_id'] ?? ''),
          creativeId: NO_CREATIVE,
          dims: DIM_COLUMNS.map((_, i) => (i === 0 ? (row['platform'] ?? '') : i === 1 ? (row['hour'] ?? '') : '')),
          metrics: METRIC_COLUMNS.map((c) => row[c] ?? '0'),
          sketch: null,
        });
      }
    }
    return built;
  }
}
