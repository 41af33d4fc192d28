/**
 * One organisation-day of the analytics cube, built from its events: the work of the background
 * refresher (cube-builder.ts), run in a worker thread (cube-worker.ts) on its own connections, so that
 * a busy day's seconds of JavaScript never hold up the api's requests.
 */
import { sketchOfKeys, unionOfStored, type EncodedSketch, type ReachEstimate } from '@resonance/analytics';
import type { Pool, PoolClient } from 'pg';
import { withPoolTransaction } from '../../infra/database/pg-transaction.js';
import { columnLiteral, METRIC_COLUMN_BY_TYPE, METRIC_COLUMNS } from '../events/event-writer.js';
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

/**
 * A build gives way to other work on its thread every this many rows / cells: another day's build in
 * the same worker, or requests when it runs in the api's own thread (no worker build, see cube-workers.ts).
 */
const YIELD_EVERY_ROWS = 2_000;
const YIELD_EVERY_CELLS = 200;
const yieldToRequests = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The columns a grouping set can group by: a day's audience cell. */
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
 * A grouping set's cell key: the values of its key `columns`, each numbered from 0 within its column
 * (`ids[offset + column]`, below `radix[column]`), read as one mixed-radix number — exact, and unique
 * within the set, while the product of the columns' radixes stays below 2^53 (a day has far fewer
 * values: 200 creatives × 20 regions × 5 platforms is 20,000).
 */
export function setCellKey(
  columns: readonly number[],
  ids: Int32Array,
  offset: number,
  radix: readonly number[],
): number {
  let key = 0;
  for (const c of columns) key = key * (radix[c] as number) + (ids[offset + c] as number);
  return key;
}

/**
 * A day's events (raw and packed: `events_all`, event-packer.ts) as a build reads them, in ONE scan, event
 * by event: member (NULL: anonymous), audience cell, event type, UTC hour (hours since the epoch) and count. Each row is added to its cell of every
 * grouping set — counts, the member's hash and the hour cells — in JavaScript: that replaced a
 * GROUPING SETS query (one sort of the day per set, most of a rebuild's time), a DISTINCT member query
 * and an hour query, three reads of the same rows. The events are not grouped first: a day's events
 * rarely repeat a member, cell, type and hour (at 111k events a day, 111,102 groups of 111,111 events),
 * and grouping them took the database 3.4× as long as reading them (235 against 69 ms).
 *
 * Rows come as few, cheap fields (rows as arrays, no object per row): the hash as its two 32-bit halves
 * (numbers: no BigInt parse per row), the audience cell as ONE string (its seven values joined by
 * CELL_SEPARATOR, the key the build looks the cell up by: one string per row instead of seven, and none
 * built in JavaScript), the type as its metric's index ($3 lists the types in METRIC_COLUMNS' order; -1:
 * a type no metric counts).
 */
const CELL_SEPARATOR = '\u001f';
const DAY_SQL = `
  SELECT (member_hash >> 32)::int AS hi, (member_hash & 4294967295)::float8 AS lo,
         concat_ws(E'\\x1f', ${GROUPING_COLUMNS.join(', ')}) AS cell,
         coalesce(array_position($3::text[], type), 0) - 1 AS metric,
         floor(date_part('epoch', occurred_at) / 3600)::int AS hour, count::float8 AS n
    FROM events_all
   WHERE org_id = $1 AND day = $2::date`;
/** DAY_SQL's columns. */
const HI = 0;
const LO = 1;
const CELL = 2;
const METRIC = 3;
const HOUR = 4;
const COUNT = 5;
/** The organisation-local day's bounds in UTC hours since the epoch (hour cells lie within them, see HOUR_GRAIN). */
const DAY_BOUNDS_SQL = `
  SELECT time_zone, (extract(epoch FROM ($2::date::timestamp AT TIME ZONE time_zone)) / 3600)::float8 AS first_hour,
         (extract(epoch FROM (($2::date + 1)::timestamp AT TIME ZONE time_zone)) / 3600)::float8 AS end_hour
    FROM organizations WHERE id = $1`;
/** The event type of each of METRIC_COLUMNS (the rollup views' CASE per type; other types count nowhere): DAY_SQL's $3. */
const METRIC_TYPES: readonly string[] = METRIC_COLUMNS.map(
  (column) => Object.entries(METRIC_COLUMN_BY_TYPE).find(([, c]) => c === column)?.[0] ?? '',
);

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

/**
 * The cells insertCells writes — a day's (DayCells) or a week's (WeekCells) — read field by field, so a
 * build holds no object per cell: a busy day has tens of thousands of them, and objects (a key, its
 * dimensions, its sums, its estimate, its sketch) were most of a build thread's memory.
 */
interface CellTable {
  readonly size: number;
  grain(cell: number): string;
  campaignId(cell: number): string;
  creativeId(cell: number): string;
  /** d1 … d5: the grain's dimension values, '' beyond its dimensions. */
  dim(cell: number, d: number): string;
  /** A metric's sum (a number: a day's sums stay far below 2^53; a string: a week's bigint sum). */
  metric(cell: number, m: number): number | string;
  reach(cell: number): number;
  exact(cell: number): boolean;
  /** All cells' sketches, one after another; a cell's lie at sketchOffset for sketchLength bytes (0: none). */
  readonly sketchBytes: Uint8Array;
  sketchOffset(cell: number): number;
  sketchLength(cell: number): number;
}

type Row = Record<string, string | null>;

/** A DAY_SQL row: the hash halves (null: anonymous), the audience cell, metric index, hour, count. */
type DayRow = (string | number | null)[];

/** Where each of GROUPING_COLUMNS is in an audience cell's values (its DAY_SQL `cell`, split). */
const AUDIENCE_VALUE = Object.fromEntries(
  Object.entries(AUDIENCE_COLUMN).map(([dimension, column]) => [dimension, GROUPING_COLUMNS.indexOf(column)]),
) as Record<keyof typeof AUDIENCE_COLUMN, number>;
const CAMPAIGN = GROUPING_COLUMNS.indexOf('campaign_id');
const CREATIVE = GROUPING_COLUMNS.indexOf('creative_id');
const PLATFORM = AUDIENCE_VALUE.platform;

/** The order insertCells writes cells in: grain, campaign, creative, then the dimensions. */
function compareCells(table: CellTable, x: number, y: number): number {
  return (
    compareText(table.grain(x), table.grain(y)) ||
    compareText(table.campaignId(x), table.campaignId(y)) ||
    compareText(table.creativeId(x), table.creativeId(y)) ||
    compareDims(table, x, y)
  );
}

function compareDims(table: CellTable, x: number, y: number): number {
  for (let d = 0; d < D; d++) {
    const order = compareText(table.dim(x, d), table.dim(y, d));
    if (order !== 0) return order;
  }
  return 0;
}

function compareText(p: string, q: string): number {
  return p < q ? -1 : p > q ? 1 : 0;
}

/** Inserts cells of one day (or one week, under its Monday) in one statement. */
async function insertCells(tx: PoolClient, orgId: string, day: string, cells: CellTable): Promise<void> {
  if (cells.size === 0) return;
  // Written in key order (grain, campaign, creative, dimensions), so that a grain's cells of a day lie
  // together in the table: a read of a grain over some days fetches a few pages per day instead of one
  // per cell (they are built in the order of the day's rows).
  const n = cells.size;
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => compareCells(cells, x, y));
  // Each column's values gathered in one pass over the cells, then written as array literals joined
  // natively (columnLiteral): a closure per column and cell was a visible part of a rebuild. The
  // sketches go as the table's own bytes, each cell's found by its offset (no copy in key order).
  const text = (): string[] => new Array<string>(n);
  const [grains, campaigns, creatives] = [text(), text(), text()];
  const dims = DIM_COLUMNS.map(text);
  const metrics = METRIC_COLUMNS.map(() => new Array<number | string>(n));
  const [offsets, lengths, reach] = [new Array<number>(n), new Array<number>(n), new Array<number>(n)];
  const exact = text();
  for (let j = 0; j < n; j++) {
    const i = order[j] as number;
    grains[j] = cells.grain(i);
    campaigns[j] = cells.campaignId(i);
    creatives[j] = cells.creativeId(i);
    for (let d = 0; d < D; d++) (dims[d] as string[])[j] = cells.dim(i, d);
    for (let m = 0; m < N; m++) (metrics[m] as (number | string)[])[j] = cells.metric(i, m);
    offsets[j] = cells.sketchOffset(i);
    lengths[j] = cells.sketchLength(i);
    reach[j] = cells.reach(i);
    exact[j] = String(cells.exact(i));
  }
  const sketches = cells.sketchBytes;
  await tx.query(INSERT_SQL, [
    orgId,
    day,
    columnLiteral(grains),
    columnLiteral(campaigns),
    columnLiteral(creatives),
    ...dims.map(columnLiteral),
    ...metrics.map(columnLiteral),
    Buffer.from(sketches.buffer, sketches.byteOffset, sketches.byteLength),
    columnLiteral(offsets),
    columnLiteral(lengths),
    columnLiteral(reach),
    columnLiteral(exact),
  ]);
}

/** A typed array twice as long (at least `length`), holding `from`'s values. */
function grown<T extends Int32Array | Float64Array | Uint8Array>(from: T, length: number, make: (n: number) => T): T {
  if (length <= from.length) return from;
  const to = make(Math.max(length, from.length * 2));
  to.set(from);
  return to;
}

/**
 * A day's cells while they are built, in typed arrays: per cell its grouping set and one audience cell
 * in it (its key: the set's columns' values of that audience cell, read when written), its counts, its
 * reach, and its sketch in one growing buffer. Hour cells (few: hours × campaigns × platforms) keep
 * their key as an object.
 */
class DayCells implements CellTable {
  size = 0;
  /** Per cell: its grouping set (GROUPING_SETS' index), or HOUR_CELL; and an audience cell of it, or its hour key. */
  private setOf = new Int32Array(1024);
  private keyOf = new Int32Array(1024);
  private readonly hourKeys: { campaignId: string; dims: string[] }[] = [];
  private sums = new Float64Array(1024 * N);
  private reaches = new Float64Array(1024);
  private inexact = new Uint8Array(1024);
  private offsets = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private bytes = new Uint8Array(64 * 1024);
  private used = 0;

  /** `valuesOf`: each audience cell's GROUPING_COLUMNS values. */
  constructor(private readonly valuesOf: readonly (readonly string[])[]) {}

  /** A new cell of grouping set `set` holding audience cell `audience`, nobody counted yet; returns its number. */
  add(set: number, audience: number): number {
    const cell = this.size++;
    if (cell >= this.setOf.length) {
      const length = cell + 1;
      this.setOf = grown(this.setOf, length, (k) => new Int32Array(k));
      this.keyOf = grown(this.keyOf, length, (k) => new Int32Array(k));
      this.sums = grown(this.sums, this.setOf.length * N, (k) => new Float64Array(k));
      this.reaches = grown(this.reaches, this.setOf.length, (k) => new Float64Array(k));
      this.inexact = grown(this.inexact, this.setOf.length, (k) => new Uint8Array(k));
      this.offsets = grown(this.offsets, this.setOf.length, (k) => new Int32Array(k));
      this.lengths = grown(this.lengths, this.setOf.length, (k) => new Int32Array(k));
    }
    this.setOf[cell] = set;
    this.keyOf[cell] = audience;
    return cell;
  }

  /** A new hour cell (HOUR_GRAIN), nobody counted yet; returns its number. */
  addHour(key: { campaignId: string; dims: string[] }): number {
    this.hourKeys.push(key);
    return this.add(HOUR_CELL, this.hourKeys.length - 1);
  }

  /** Adds a row's count to a cell (metric -1: a type no metric counts). */
  count(cell: number, metric: number, count: number): void {
    if (metric >= 0) this.sums[cell * N + metric] = (this.sums[cell * N + metric] as number) + count;
  }

  /** A cell's reach: the sketch of its members' hashes (its bytes copied into the day's buffer). */
  setReach(cell: number, sketch: EncodedSketch): void {
    this.reaches[cell] = sketch.estimate.value;
    this.inexact[cell] = sketch.estimate.exact ? 0 : 1;
    const bytes = sketch.bytes;
    if (!bytes) return;
    this.bytes = grown(this.bytes, this.used + bytes.length, (k) => new Uint8Array(k));
    this.bytes.set(bytes, this.used);
    this.offsets[cell] = this.used;
    this.lengths[cell] = bytes.length;
    this.used += bytes.length;
  }

  private set(cell: number): GroupingSet | null {
    const set = this.setOf[cell] as number;
    return set === HOUR_CELL ? null : (GROUPING_SETS[set] as GroupingSet);
  }

  private values(cell: number): readonly string[] {
    return this.valuesOf[this.keyOf[cell] as number] as readonly string[];
  }

  private hour(cell: number): { campaignId: string; dims: string[] } {
    return this.hourKeys[this.keyOf[cell] as number] as { campaignId: string; dims: string[] };
  }

  grain(cell: number): string {
    return this.set(cell)?.grain.id ?? HOUR_GRAIN.id;
  }

  campaignId(cell: number): string {
    const set = this.set(cell);
    if (!set) return this.hour(cell).campaignId;
    return set.allCampaigns ? ALL_CAMPAIGNS : (this.values(cell)[CAMPAIGN] as string);
  }

  creativeId(cell: number): string {
    const set = this.set(cell);
    return set?.grain.creative ? (this.values(cell)[CREATIVE] as string) : NO_CREATIVE;
  }

  dim(cell: number, d: number): string {
    const set = this.set(cell);
    if (!set) return this.hour(cell).dims[d] ?? '';
    const dimension = set.grain.dims[d];
    return dimension ? (this.values(cell)[AUDIENCE_VALUE[dimension]] as string) : '';
  }

  metric(cell: number, m: number): number {
    return this.sums[cell * N + m] as number;
  }

  reach(cell: number): number {
    return this.reaches[cell] as number;
  }

  exact(cell: number): boolean {
    return this.inexact[cell] === 0;
  }

  get sketchBytes(): Uint8Array {
    return this.bytes.subarray(0, this.used);
  }

  sketchOffset(cell: number): number {
    return this.offsets[cell] as number;
  }

  sketchLength(cell: number): number {
    return this.lengths[cell] as number;
  }
}

/** DayCells' set number of an hour cell. */
const HOUR_CELL = -1;

/** A week's cells (rebuildWeek): few (the creative grains' cells of seven days), kept as objects. */
interface WeekCell {
  grain: string;
  campaignId: string;
  creativeId: string;
  dims: string[];
  sums: bigint[];
  stored: Uint8Array[];
}

/** CellTable over a week's merged cells. */
class WeekCells implements CellTable {
  readonly sketchBytes: Uint8Array;
  private readonly estimates: ReachEstimate[] = [];
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];

  constructor(
    private readonly cells: readonly WeekCell[],
    unions: readonly EncodedSketch[],
  ) {
    let offset = 0;
    for (const union of unions) {
      this.estimates.push(union.estimate);
      this.offsets.push(offset);
      this.lengths.push(union.bytes?.length ?? 0);
      offset += union.bytes?.length ?? 0;
    }
    this.sketchBytes = Buffer.concat(unions.flatMap((u) => (u.bytes ? [u.bytes] : [])));
  }

  get size(): number {
    return this.cells.length;
  }

  private cell(i: number): WeekCell {
    return this.cells[i] as WeekCell;
  }

  grain(i: number): string {
    return this.cell(i).grain;
  }

  campaignId(i: number): string {
    return this.cell(i).campaignId;
  }

  creativeId(i: number): string {
    return this.cell(i).creativeId;
  }

  dim(i: number, d: number): string {
    return this.cell(i).dims[d] ?? '';
  }

  metric(i: number, m: number): string {
    return (this.cell(i).sums[m] ?? 0n).toString();
  }

  reach(i: number): number {
    return (this.estimates[i] as ReachEstimate).value;
  }

  exact(i: number): boolean {
    return (this.estimates[i] as ReachEstimate).exact;
  }

  sketchOffset(i: number): number {
    return this.offsets[i] as number;
  }

  sketchLength(i: number): number {
    return this.lengths[i] as number;
  }
}

const WEEK_GRAIN_IDS = [...WEEK_GRAINS.values()].map((g) => g.id);

/**
 * Rebuilds one organisation-day if it is marked; returns whether it wrote a build.
 *
 * Versions are per (org_id, day) row: a writer inserts 1 or bumps the stored version under the
 * row lock (no sequence: on Citus a sequence is not one counter across nodes, and nextval is not
 * allowed in a distributed upsert). The mark row is never deleted — a build clears `pending` — so a
 * day's versions only grow and `built_version >= v` means a build at least as new is stored.
 *
 * Read phase, in one REPEATABLE READ snapshot: the day's pending version v, then its events
 * (DAY_SQL) — exactly the writes marked up to v (versions follow commit order for a day). Write
 * phase, serialised per day: skip if a build of v or later is already stored; else replace the
 * day's cells, record v, and clear the mark if it is still v.
 * A writer in flight holds the mark's row lock, so that last step waits for its commit and then
 * sees the newer version: the day stays marked. Writers never wait for the (slow) read phase.
 */
export async function rebuildCubeDay(pool: Pool, orgId: string, day: string): Promise<boolean> {
  // Both pools a build is given (the worker's, cube-worker.ts, and the api's) make ResilientPgClient
  // connections, which listen for their own 'error': a server gone away fails the next query, here.
  const client = await pool.connect();
  let version: string;
  let build: DayCells;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const mark = await client.query<{ version: string }>(
      `SELECT version::text AS version FROM cube_dirty WHERE org_id = $1 AND day = $2::date AND pending`,
      [orgId, day],
    );
    if (!mark.rows[0]) {
      await client.query('COMMIT');
      return false;
    }
    version = mark.rows[0].version;
    build = await buildRows(client, orgId, day);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return withPoolTransaction(pool, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('cube_day'), hashtext($1::text || $2::text))`, [orgId, day]);
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
    await insertCells(tx, orgId, day, build);
    await tx.query(
      `INSERT INTO cube_days (org_id, day, built_version) VALUES ($1, $2::date, $3::bigint)
       ON CONFLICT (org_id, day) DO UPDATE SET built_version = excluded.built_version`,
      [orgId, day, version],
    );
    await rebuildWeek(tx, orgId, weekStart(day), day, version);
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
async function rebuildWeek(tx: PoolClient, orgId: string, monday: string, day: string, version: string): Promise<void> {
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
  const week = new Map<string, WeekCell>();
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
        sums: METRIC_COLUMNS.map(() => 0n),
        stored: [],
      };
      week.set(key, target);
    }
    const sums = target.sums;
    METRIC_COLUMNS.forEach((c, m) => (sums[m] = (sums[m] ?? 0n) + BigInt(cell[c] ?? '0')));
    if (cell.sketch) target.stored.push(cell.sketch);
  }
  const unions: EncodedSketch[] = [];
  for (const cell of week.values()) {
    if (unions.length % YIELD_EVERY_CELLS === YIELD_EVERY_CELLS - 1) await yieldToRequests();
    // The week's members: its days' sketches merged (explicit ones by sorting their hashes together).
    unions.push(unionOfStored(cell.stored));
    cell.stored = [];
  }
  await insertCells(tx, orgId, monday, new WeekCells([...week.values()], unions));
}

/** A grouping set's cells by their keys (setCellKey). */
interface CellIndex {
  get(key: number): number | undefined;
  set(key: number, cell: number): unknown;
}

/** Key spaces up to this size are indexed by an array (4 bytes a key) rather than a map. */
const DIRECT_KEYS = 1 << 18;

/** CellIndex over keys 0 … size − 1 as an array. */
class DirectCellIndex implements CellIndex {
  private readonly cells: Int32Array;

  constructor(size: number) {
    this.cells = new Int32Array(size).fill(-1);
  }

  get(key: number): number | undefined {
    const cell = this.cells[key] as number;
    return cell < 0 ? undefined : cell;
  }

  set(key: number, cell: number): void {
    this.cells[key] = cell;
  }
}

/**
 * A day's cells, encoded (read phase; no lock held). Rows are numbered by audience cell first; per
 * grouping set, each audience cell's set cell is worked out once, so the loops over the rows that
 * follow — rows × sets of them, 4M at 111k events a day — are array reads. A cell's members' keys (the
 * top 32 bits of their hashes) are collected and sketched in one go (sketchOfKeys) rather than added to a
 * sketch one by one.
 */
async function buildRows(client: PoolClient, orgId: string, day: string): Promise<DayCells> {
  const [org] = (
    await client.query<{ time_zone: string; first_hour: number; end_hour: number }>(DAY_BOUNDS_SQL, [orgId, day])
  ).rows;
  // The rows as read are dropped once copied into typed arrays below (an async function's locals live
  // across its awaits): at 111k events a day they were tens of MB of a build's memory.
  let rows: DayRow[] | null = (
    await client.query<DayRow>({ text: DAY_SQL, values: [orgId, day, METRIC_TYPES], rowMode: 'array' })
  ).rows;
  await yieldToRequests();
  const rowCount = rows.length;
  // Each row's audience cell (all seven grouping columns), numbered as first seen; its type's metric,
  // count, UTC hour and member hash (unsigned; members[r] = 0: anonymous).
  const audienceOf = new Int32Array(rowCount);
  const metricOf = new Int8Array(rowCount);
  const countOf = new Float64Array(rowCount);
  const hourOf = new Int32Array(rowCount);
  const hashOf = new Uint32Array(rowCount * 2);
  const members = new Uint8Array(rowCount);
  const audience = new Map<string, number>();
  /** Per audience cell: its GROUPING_COLUMNS values, and how many of the day's rows have a member. */
  const valuesOf: string[][] = [];
  const membersOf: number[] = [];
  let memberRows = 0;
  for (let r = 0; r < rowCount; r++) {
    if (r % YIELD_EVERY_ROWS === YIELD_EVERY_ROWS - 1) await yieldToRequests();
    const row = rows[r] as DayRow;
    const key = row[CELL] as string;
    let a = audience.get(key);
    if (a === undefined) {
      const values = key.split(CELL_SEPARATOR);
      if (values.length !== GROUPING_COLUMNS.length)
        throw new Error(`cube: an audience value on ${day} holds the separator U+001F (${JSON.stringify(key)})`);
      audience.set(key, (a = valuesOf.length));
      valuesOf.push(values);
      membersOf.push(0);
    }
    audienceOf[r] = a;
    metricOf[r] = row[METRIC] as number;
    countOf[r] = row[COUNT] as number;
    hourOf[r] = row[HOUR] as number;
    if (row[HI] !== null) {
      hashOf[2 * r] = (row[HI] as number) >>> 0;
      hashOf[2 * r + 1] = row[LO] as number;
      members[r] = 1;
      membersOf[a] = (membersOf[a] as number) + 1;
      memberRows++;
    }
  }
  rows = null;
  audience.clear();
  const cells = new DayCells(valuesOf);
  // Per grouping set, the cell of each audience cell: keyed by the set's columns' values (numbered
  // per column) in mixed radix, a small exact integer. A set's cells are numbered consecutively.
  const columnIds = GROUPING_COLUMNS.map(() => new Map<string, number>());
  const ids = new Int32Array(valuesOf.length * GROUPING_COLUMNS.length);
  for (let a = 0; a < valuesOf.length; a++) {
    const cellValues = valuesOf[a] as string[];
    for (let c = 0; c < GROUPING_COLUMNS.length; c++) {
      const values = columnIds[c] as Map<string, number>;
      const value = cellValues[c] as string;
      let id = values.get(value);
      if (id === undefined) values.set(value, (id = values.size));
      ids[a * GROUPING_COLUMNS.length + c] = id;
    }
  }
  const radix = columnIds.map((values) => values.size);
  // The rows with a member in order of their hashes: gathered in that order, each cell's hashes are
  // sorted already, so sketching them (sketchOfKeys sorts) costs a fifth of sorting them at random.
  const byHash = rowsByHash(hashOf, members, memberRows);
  const setCellOf = new Int32Array(valuesOf.length);
  // A sketch keeps each member's key, the top 32 bits of its hash (reach-sketch.ts): only those are copied.
  const memberKeys = new Uint32Array(memberRows);
  for (let s = 0; s < GROUPING_SETS.length; s++) {
    await yieldToRequests();
    const set = GROUPING_SETS[s] as GroupingSet;
    const columns = SET_COLUMN_INDEXES[s] as number[];
    const keys = columns.reduce((n, c) => n * (radix[c] as number), 1);
    if (keys > Number.MAX_SAFE_INTEGER)
      throw new Error(`cube: too many distinct values on ${day} to key the ${set.grain.id} cells`);
    const first = cells.size;
    // A set's cells by key: an array indexed by the key while the keys are few (they are at 111k events
    // a day: at most 20k), else a map.
    const byKey: CellIndex = keys <= DIRECT_KEYS ? new DirectCellIndex(keys) : new Map<number, number>();
    for (let a = 0; a < valuesOf.length; a++) {
      const key = setCellKey(columns, ids, a * GROUPING_COLUMNS.length, radix);
      let cell = byKey.get(key);
      if (cell === undefined) {
        cell = cells.add(s, a);
        byKey.set(key, cell);
      }
      setCellOf[a] = cell;
    }
    // Counts, and each cell's members' hashes gathered into its own stretch of `hashes`.
    const starts = new Int32Array(cells.size - first + 1);
    for (let a = 0; a < valuesOf.length; a++) {
      const c = (setCellOf[a] as number) - first + 1;
      starts[c] = (starts[c] as number) + (membersOf[a] as number);
    }
    for (let c = 1; c < starts.length; c++) starts[c] = (starts[c] as number) + (starts[c - 1] as number);
    const fill = starts.slice(0, -1);
    for (let r = 0; r < rowCount; r++) {
      cells.count(setCellOf[audienceOf[r] as number] as number, metricOf[r] as number, countOf[r] as number);
    }
    for (let k = 0; k < byHash.length; k++) {
      const r = byHash[k] as number;
      const cell = setCellOf[audienceOf[r] as number] as number;
      const at = fill[cell - first] as number;
      memberKeys[at] = hashOf[2 * r] as number;
      fill[cell - first] = at + 1;
    }
    for (let c = 0; c < starts.length - 1; c++) {
      if (c % YIELD_EVERY_CELLS === YIELD_EVERY_CELLS - 1) await yieldToRequests();
      const [start, end] = [starts[c] as number, starts[c + 1] as number];
      if (end > start) cells.setReach(first + c, sketchOfKeys(memberKeys.subarray(start, end)));
    }
  }
  // Hour cells, where the day's bounds are UTC hours (see HOUR_GRAIN).
  if (org && keepsHourCells(org.time_zone, day)) {
    addHourCells(cells, { hourOf, audienceOf, metricOf, countOf }, { valuesOf, ids, radix }, org);
  }
  return cells;
}

/**
 * The rows that have a member (`members[r] === 1`, `count` of them) in order of their unsigned 64-bit
 * hashes (`hashOf[2r]` the high word, `hashOf[2r + 1]` the low one): a least-significant-digit radix
 * sort, four passes of 16 bits, stable, linear in the rows (a day's 111k rows in a few milliseconds).
 */
export function rowsByHash(hashOf: Uint32Array, members: Uint8Array, count: number): Int32Array {
  let order = new Int32Array(count);
  let next = new Int32Array(count);
  let k = 0;
  for (let r = 0; r < members.length; r++) if (members[r] === 1) order[k++] = r;
  const counts = new Int32Array(65_537);
  // Digits from the least significant: the low word's low and high halves, then the high word's.
  for (const [word, shift] of [
    [1, 0],
    [1, 16],
    [0, 0],
    [0, 16],
  ] as const) {
    counts.fill(0);
    for (let i = 0; i < count; i++) {
      const digit = ((hashOf[2 * (order[i] as number) + word] as number) >>> shift) & 0xffff;
      counts[digit + 1] = (counts[digit + 1] as number) + 1;
    }
    for (let d = 1; d < counts.length; d++) counts[d] = (counts[d] as number) + (counts[d - 1] as number);
    for (let i = 0; i < count; i++) {
      const r = order[i] as number;
      const digit = ((hashOf[2 * r + word] as number) >>> shift) & 0xffff;
      next[counts[digit] as number] = r;
      counts[digit] = (counts[digit] as number) + 1;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * The hour cells (HOUR_GRAIN) of a day's rows: per UTC hour within the organisation-local day, per
 * campaign and platform and for all campaigns together per platform; counts only. A cell is keyed by
 * (hour, campaign, platform) as one integer: the hour within the day, then the campaign's and the
 * platform's numbers among the day's values (`ids`, as the grouping sets use them; campaign `radix`
 * stands for all campaigns).
 */
function addHourCells(
  cells: DayCells,
  rows: { hourOf: Int32Array; audienceOf: Int32Array; metricOf: Int8Array; countOf: Float64Array },
  audience: { valuesOf: readonly string[][]; ids: Int32Array; radix: readonly number[] },
  day: { first_hour: number; end_hour: number },
): void {
  const { valuesOf, ids, radix } = audience;
  const columns = GROUPING_COLUMNS.length;
  const campaigns = (radix[CAMPAIGN] as number) + 1;
  const platforms = radix[PLATFORM] as number;
  const byKey = new Map<number, number>();
  for (let r = 0; r < rows.hourOf.length; r++) {
    const hour = rows.hourOf[r] as number;
    if (hour < day.first_hour || hour >= day.end_hour) continue;
    const a = rows.audienceOf[r] as number;
    const platform = ids[a * columns + PLATFORM] as number;
    for (const campaign of [ids[a * columns + CAMPAIGN] as number, campaigns - 1]) {
      const key = ((hour - day.first_hour) * campaigns + campaign) * platforms + platform;
      let cell = byKey.get(key);
      if (cell === undefined) {
        const values = valuesOf[a] as string[];
        const instant = new Date(hour * 3_600_000).toISOString().replace('.000Z', 'Z');
        cell = cells.addHour({
          campaignId: campaign === campaigns - 1 ? ALL_CAMPAIGNS : (values[CAMPAIGN] as string),
          dims: [values[PLATFORM] as string, instant, '', '', ''],
        });
        byKey.set(key, cell);
      }
      cells.count(cell, rows.metricOf[r] as number, rows.countOf[r] as number);
    }
  }
}
