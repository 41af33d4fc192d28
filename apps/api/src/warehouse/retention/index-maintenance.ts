import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * Rebuilds the warehouse's B-tree indexes that inserts have left mostly empty.
 *
 * Writers insert into `pk_events` at the end of its key range, several at once (concurrent requests,
 * NDJSON chunks, imports): each splits the last pages in half, and the left halves never fill again.
 * Measured after `bench:query`'s 10M events: leaf pages 52% full, 816 MB, where a fresh index packs
 * them to 90% in 466 MB — 35 bytes of every event's 269. `REINDEX INDEX CONCURRENTLY` rebuilds it
 * while reads and writes go on (11 s at 10M events). The daily retention run calls this.
 *
 * Density is estimated without an extension (the embedded PostgreSQL ships none): the bytes the
 * index's live entries need (row estimate × entry size from the columns' average widths in pg_stats,
 * aligned as PostgreSQL lays them out) against the bytes its pages hold.
 */

/**
 * The indexes looked after: the events primary key, the one unique index with an entry per event. (The
 * others hold few distinct keys, which PostgreSQL deduplicates: this estimate does not apply to them.)
 */
export const MAINTAINED_INDEXES: readonly string[] = ['pk_events'];

export interface IndexMaintenanceOptions {
  /** Rebuild below this estimated density (a fresh B-tree's leaves are 90% full). */
  minDensity: number;
  /** Leave indexes smaller than this alone: little to win. */
  minBytes: number;
}

export const INDEX_MAINTENANCE_DEFAULTS: IndexMaintenanceOptions = { minDensity: 0.6, minBytes: 64 * 1024 * 1024 };

export interface IndexReport {
  index: string;
  bytes: number;
  /** Estimated share of the index's bytes its live entries need; null without statistics. */
  density: number | null;
  rebuilt: boolean;
  bytesAfter?: number;
}

const PAGE_BYTES = 8192;
/** A B-tree page's room for items: the page less its header (24 bytes) and B-tree special space (16). */
const PAGE_ROOM = PAGE_BYTES - 24 - 16;
const INDEX_TUPLE_HEADER = 8;
const LINE_POINTER = 4;
const ALIGN: Record<string, number> = { c: 1, s: 2, i: 4, d: 8 };
/** Session lock key: one maintenance run at a time across api processes. */
const LOCK_KEY = 'resonance/index-maintenance';

const align = (n: number, to: number): number => Math.ceil(n / to) * to;

/** The estimated density of one B-tree index (see the file comment); null when it has no statistics yet. */
export async function indexDensity(db: DataSource, index: string): Promise<{ bytes: number; density: number | null }> {
  const [size] = await db.query<{ bytes: string; tuples: string }[]>(
    `SELECT pg_relation_size(c.oid)::text AS bytes,
            (CASE WHEN c.reltuples >= 0 THEN c.reltuples ELSE t.reltuples END)::text AS tuples
       FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid JOIN pg_class t ON t.oid = i.indrelid
      WHERE c.oid = to_regclass($1)`,
    [index],
  );
  if (!size) throw new Error(`index ${index} not found`);
  const columns = await db.query<{ len: number; align: string; width: number | null }[]>(
    `SELECT ty.typlen AS len, ty.typalign AS align, s.avg_width AS width
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
       JOIN pg_type ty ON ty.oid = a.atttypid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = t.relname AND s.attname = a.attname
      WHERE i.indexrelid = to_regclass($1)
      ORDER BY k.position`,
    [index],
  );
  const bytes = Number(size.bytes);
  // Pages from the file's size (always current; relpages is as of the last VACUUM, ANALYZE or build).
  const pages = bytes / PAGE_BYTES;
  const tuples = Number(size.tuples);
  if (pages === 0 || tuples <= 0 || columns.some((c) => c.len < 0 && c.width === null)) return { bytes, density: null };
  let entry = INDEX_TUPLE_HEADER;
  for (const column of columns) {
    const width = column.len > 0 ? column.len : (column.width as number);
    entry = align(entry, column.len > 0 ? (ALIGN[column.align] ?? 1) : 1) + width;
  }
  const needed = tuples * (align(entry, 8) + LINE_POINTER);
  return { bytes, density: needed / (pages * PAGE_ROOM) };
}

/**
 * Rebuilds (REINDEX INDEX CONCURRENTLY) each of `indexes` whose estimated density is below
 * `minDensity` and whose size is at least `minBytes`; returns what it found and did. Skipped on a
 * Citus cluster (the shards' indexes live on the workers) and while another process runs it. A
 * rebuild that fails leaves PostgreSQL's half-built copy (`<index>_ccnew`, invalid): it is dropped
 * then, or by the next run when the process died during the rebuild.
 */
export async function maintainIndexes(
  db: DataSource,
  indexes: readonly string[] = MAINTAINED_INDEXES,
  options: IndexMaintenanceOptions = INDEX_MAINTENANCE_DEFAULTS,
): Promise<IndexReport[]> {
  const [citus] = await db.query<{ on: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS on`,
  );
  if (citus?.on) return [];
  const done = await withMaintenanceSession(db, async (client) => {
    const reports: IndexReport[] = [];
    /** Drops the half-built copy a REINDEX CONCURRENTLY of `index` leaves when it fails or is cut off. */
    const dropCopy = (index: string) =>
      client.query(`DROP INDEX CONCURRENTLY IF EXISTS ${client.escapeIdentifier(`${index}_ccnew`)}`);
    for (const index of indexes) {
      const exists = await client.query<{ oid: string | null }>(`SELECT to_regclass($1)::text AS oid`, [index]);
      if (exists.rows[0]?.oid == null) continue;
      // A rebuild cut off by a crash leaves its invalid copy, which every insert still writes to: dropped.
      const leftover = await client.query(
        `SELECT 1 FROM pg_index WHERE indexrelid = to_regclass($1) AND NOT indisvalid`,
        [`${index}_ccnew`],
      );
      if ((leftover.rowCount ?? 0) > 0) await dropCopy(index);
      const { bytes, density } = await indexDensity(db, index);
      const report: IndexReport = { index, bytes, density, rebuilt: false };
      reports.push(report);
      if (density === null || density >= options.minDensity || bytes < options.minBytes) continue;
      try {
        await client.query(`REINDEX INDEX CONCURRENTLY ${client.escapeIdentifier(index)}`);
      } catch (error) {
        // The rebuild's own error is the one reported; a copy that cannot be dropped now is by the next run.
        await dropCopy(index).catch(() => undefined);
        throw error;
      }
      report.rebuilt = true;
      report.bytesAfter = (await indexDensity(db, index)).bytes;
    }
    return reports;
  });
  return done ?? [];
}

/**
 * Runs `fn` on a session of its own holding the maintenance lock (one run at a time across api
 * processes), without a statement timeout (a rebuild of a large index takes minutes; the session's own
 * timeout, if any, must not cut it). Null when another process holds the lock.
 */
async function withMaintenanceSession<T>(db: DataSource, fn: (client: PoolClient) => Promise<T>): Promise<T | null> {
  const [client, release] = (await (db.driver as PostgresDriver).obtainMasterConnection()) as [
    PoolClient,
    (error?: unknown) => void,
  ];
  let broken: unknown;
  try {
    const lock = await client.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS got`, [LOCK_KEY]);
    if (!lock.rows[0]?.got) return null;
    try {
      await client.query(`SET statement_timeout = 0`);
      return await fn(client);
    } finally {
      await client.query(`RESET statement_timeout`).catch(() => undefined);
      await client.query(`RESET lock_timeout`).catch(() => undefined);
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [LOCK_KEY]).catch(() => undefined);
    }
  } catch (error) {
    broken = error;
    throw error;
  } finally {
    release(broken);
  }
}

export interface CompactionOptions {
  /** Compact when the rows' estimated bytes are below this share of the file. */
  maxLiveShare: number;
  /** Leave tables smaller than this alone. */
  minBytes: number;
  /** Give up (until the next run) rather than wait longer than this for the table's lock. */
  lockTimeoutMs: number;
}

export const COMPACTION_DEFAULTS: CompactionOptions = {
  maxLiveShare: 0.25,
  minBytes: 256 * 1024 * 1024,
  lockTimeoutMs: 10_000,
};

export interface CompactionReport {
  table: string;
  bytes: number;
  /** Estimated share of the file the live rows need; null without statistics. */
  liveShare: number | null;
  compacted: boolean;
  bytesAfter?: number;
}

/**
 * Rewrites `events` (or `table`) when it is mostly free space. Closed days move into `events_packed`
 * (event-packer.ts), so in steady use the table holds a few days and its free space is reused by the next
 * days' rows; after a backfill, though, the file keeps the size of every day written before packing (1.7
 * GB after `bench:query`'s 10M events, for none left). `VACUUM FULL` rewrites the live rows into a new
 * file and rebuilds the indexes; it holds the table's lock while it runs (ingest and reads of unpacked days
 * wait: seconds, for the few days' rows it copies), so it runs only when the rows need under a quarter of
 * the file, and gives up rather than wait long for the lock. Skipped on Citus (the shards are on the
 * workers). Live bytes are estimated from the statistics: live rows × (row header, line pointer and the
 * columns' average widths).
 */
export async function compactEvents(
  db: DataSource,
  options: CompactionOptions = COMPACTION_DEFAULTS,
  table = 'events',
): Promise<CompactionReport | null> {
  const [citus] = await db.query<{ on: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS on`,
  );
  if (citus?.on) return null;
  const size = async (): Promise<{ bytes: number; liveShare: number | null }> => {
    const [row] = await db.query<{ bytes: string; rows: string | null; width: string | null }[]>(
      `SELECT pg_relation_size($1::regclass)::text AS bytes,
              (SELECT n_live_tup FROM pg_stat_user_tables WHERE relid = $1::regclass)::text AS rows,
              (SELECT sum(avg_width) FROM pg_stats WHERE schemaname = current_schema() AND tablename = $1::text)::text AS width`,
      [table],
    );
    const bytes = Number(row?.bytes ?? 0);
    if (row?.rows == null || row.width == null || bytes === 0) return { bytes, liveShare: null };
    return { bytes, liveShare: (Number(row.rows) * (24 + LINE_POINTER + Number(row.width))) / bytes };
  };
  const before = await size();
  const report: CompactionReport = {
    table,
    bytes: before.bytes,
    liveShare: before.liveShare,
    compacted: false,
  };
  if (before.liveShare === null || before.liveShare >= options.maxLiveShare || before.bytes < options.minBytes)
    return report;
  await withMaintenanceSession(db, async (client) => {
    await client.query(`SET lock_timeout = ${Math.round(options.lockTimeoutMs)}`);
    await client.query(`VACUUM (FULL, ANALYZE) ${client.escapeIdentifier(table)}`);
    report.compacted = true;
    report.bytesAfter = (await size()).bytes;
  });
  return report;
}
