import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../../test/test-app.js';
import { compactEvents, indexDensity, maintainIndexes } from './index-maintenance.js';

describe('index maintenance', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  // A table shaped like events' key (organisation, text id), its own per run.
  const table = `maint_${randomBytes(4).toString('hex')}`;
  const index = `pk_${table}`;
  /** On a Citus cluster the run does nothing: the shards' indexes are on the workers (DATABASE_URL decides). */
  let onCitus = false;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    onCitus = (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).length > 0;
    await db.query(
      `CREATE TABLE ${table} (org_id uuid NOT NULL, event_id text NOT NULL, CONSTRAINT ${index} PRIMARY KEY (org_id, event_id))`,
    );
  });

  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await app.close();
  });

  /**
   * Index leaves as concurrent inserts leave them, about half full: keys inserted from the highest down,
   * so every page split leaves a half-empty page behind. (Not by deleting rows: a VACUUM cannot remove
   * them while another test's transaction is open, and a rebuild then keeps them.)
   */
  async function bloat(rows: number): Promise<void> {
    await db.query(`TRUNCATE ${table}`);
    await db.query(
      `INSERT INTO ${table} SELECT '00000000-0000-0000-0000-000000000001', 'e' || lpad(n::text, 9, '0') FROM generate_series($1::int, 1, -1) n`,
      [rows],
    );
    await db.query(`ANALYZE ${table}`);
  }

  it('estimates a fresh index as about 90% full, and one filled from the top down as about half', async () => {
    await bloat(60_000);
    const sparse = await indexDensity(db, index);
    expect(sparse.density).toBeGreaterThan(0.4);
    expect(sparse.density).toBeLessThan(0.6);
    await db.query(`REINDEX INDEX ${index}`);
    await db.query(`ANALYZE ${table}`);
    const fresh = await indexDensity(db, index);
    expect(fresh.density).toBeGreaterThan(0.8);
    expect(fresh.density).toBeLessThan(1);
    expect(fresh.bytes).toBeLessThan(sparse.bytes * 0.65);
  });

  it('rebuilds a mostly empty index while its table stays readable and writable, and leaves a full one alone', async () => {
    await bloat(60_000);
    const rows = Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
    if (onCitus) {
      expect(await maintainIndexes(db, [index], { minDensity: 0.6, minBytes: 0 })).toEqual([]);
      return;
    }
    const [report] = await maintainIndexes(db, [index], { minDensity: 0.6, minBytes: 0 });
    expect(report).toMatchObject({ index, rebuilt: true });
    expect(report?.bytesAfter).toBeLessThan((report?.bytes ?? 0) * 0.65);
    // Still the table's key: the same rows, and a duplicate is still refused.
    expect(Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n)).toBe(rows);
    await expect(
      db.query(`INSERT INTO ${table} VALUES ('00000000-0000-0000-0000-000000000001', 'e000000003')`),
    ).rejects.toThrow(/duplicate key/);
    const valid = await db.query(`SELECT indisvalid FROM pg_index WHERE indexrelid = $1::regclass`, [index]);
    expect(valid).toEqual([{ indisvalid: true }]);

    await db.query(`ANALYZE ${table}`);
    const [again] = await maintainIndexes(db, [index], { minDensity: 0.6, minBytes: 0 });
    expect(again).toMatchObject({ index, rebuilt: false });
    // Too small to bother with: measured, not rebuilt.
    await bloat(60_000);
    const [small] = await maintainIndexes(db, [index], { minDensity: 0.6, minBytes: 1024 * 1024 * 1024 });
    expect(small).toMatchObject({ index, rebuilt: false });
    expect(small?.density).toBeLessThan(0.6);
  });

  it('drops the invalid copy a rebuild cut off by a crash left behind (inserts would keep writing to it)', async () => {
    await bloat(3_000);
    // A concurrent build that fails leaves its index invalid, as a REINDEX CONCURRENTLY killed midway does.
    await db.query(`INSERT INTO ${table} VALUES ('00000000-0000-0000-0000-000000000002', 'e000000003')`);
    await expect(db.query(`CREATE UNIQUE INDEX CONCURRENTLY ${index}_ccnew ON ${table} (event_id)`)).rejects.toThrow(
      /could not create unique index/,
    );
    const invalid = `SELECT count(*)::int AS n FROM pg_index WHERE indexrelid = to_regclass($1) AND NOT indisvalid`;
    expect(await db.query(invalid, [`${index}_ccnew`])).toEqual([{ n: 1 }]);
    await maintainIndexes(db, [index], { minDensity: 0.6, minBytes: 1024 * 1024 * 1024 });
    const left = await db.query(`SELECT to_regclass($1)::text AS oid`, [`${index}_ccnew`]);
    expect(left).toEqual([{ oid: onCitus ? `${index}_ccnew` : null }]);
  });

  it('does nothing while another process holds the maintenance lock', async () => {
    await bloat(30_000);
    if (onCitus) await db.query(`DROP INDEX IF EXISTS ${index}_ccnew`);
    const other = new pg.Client(connection(db));
    other.on('error', () => undefined); // a dropped connection fails the next query instead
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(hashtext('resonance/index-maintenance'))`);
      expect(await maintainIndexes(db, [index], { minDensity: 0.6, minBytes: 0 })).toEqual([]);
      await other.query(`SELECT pg_advisory_unlock(hashtext('resonance/index-maintenance'))`);
      const [report] = await maintainIndexes(db, [index], { minDensity: 0.6, minBytes: 0 });
      expect(report?.rebuilt).toBe(onCitus ? undefined : true);
    } finally {
      await other.end();
    }
  });
});

/** The test database's connection settings, as the app's DataSource has them. */
function connection(db: DataSource): pg.ClientConfig {
  const options = db.options as { url?: string; host?: string; port?: number; username?: string; database?: string };
  return options.url
    ? { connectionString: options.url }
    : { host: options.host, port: options.port, user: options.username, database: options.database };
}

describe('events compaction', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  // A table shaped like events' first columns, its own per run.
  const table = `cmp_${randomBytes(4).toString('hex')}`;
  let onCitus = false;
  const small = { maxLiveShare: 0.25, minBytes: 1024 * 1024, lockTimeoutMs: 10_000 };

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    onCitus = (await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).length > 0;
    await db.query(
      `CREATE TABLE ${table} (org_id uuid NOT NULL, event_id text NOT NULL, occurred_at timestamptz NOT NULL,
                              platform text NOT NULL, PRIMARY KEY (org_id, event_id))
         -- Autovacuum would truncate the dead pages at the table's end before the compaction sees them.
         WITH (autovacuum_enabled = false)`,
    );
  });

  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await app.close();
  });

  const fill = (from: number, to: number) =>
    `INSERT INTO ${table} SELECT '00000000-0000-0000-0000-000000000001', 'e' || n, now(), 'instagram'
       FROM generate_series(${from}, ${to}) n`;

  it('rewrites a table its rows fill less than a quarter of, keeping every row, and leaves a full one alone', async () => {
    await db.query(fill(1, 5_000));
    // The rows packing moves out, as dead space: written by a transaction that rolled back (dead at once,
    // whatever other tests' snapshots are open).
    await db
      .transaction(async (manager) => {
        await manager.query(fill(5_001, 150_000));
        await manager.query(`SELECT 1/0`).catch(() => undefined);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await db.query(`ANALYZE ${table}`);
    const report = await compactEvents(db, small, table);
    if (onCitus) {
      expect(report).toBeNull();
      return;
    }
    expect(report).toMatchObject({ table, compacted: true });
    expect(report?.liveShare).toBeLessThan(0.25);
    expect(report?.bytesAfter).toBeLessThan((report?.bytes ?? 0) * 0.1);
    const [rows] = await db.query(`SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS ids FROM ${table}`);
    expect(rows).toEqual({ n: 5_000, ids: 5_000 });
    // Full now: left alone.
    const again = await compactEvents(db, small, table);
    expect(again).toMatchObject({ compacted: false });
    expect(again?.liveShare).toBeGreaterThan(0.5);
  });
});
