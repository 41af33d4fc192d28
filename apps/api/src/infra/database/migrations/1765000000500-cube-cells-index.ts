import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * cube_daily's primary key — organisation, grain, campaign, day, creative and the five dimension values
 * of every cell — became its largest part after the sketches: 310 MB of a 2.2 GB cube at 10M events
 * (31 B/event), one entry of ≈ 190 B per cell. Every read filters by organisation, grain, campaign and a
 * day range and reads the cells that match; nothing looks a single cell up by its full key, and no
 * statement relies on the key (the builders replace a day's or week's cells with DELETE and INSERT in one
 * transaction, under a per-day or per-week advisory lock). The key gives way to a plain index on the
 * columns reads filter by, whose entries PostgreSQL deduplicates (one entry per grain, campaign and day
 * with the cells' row pointers): 14 MB at 10M events. The `audience` grain (every audience dimension, for
 * all campaigns together: 2,700 cells a day at 10M events) keeps its dimension values in an index of its
 * own, 21 MB: a saved segment's question filters that grain's cells by them, and without it read every
 * cell of its window from the heap (p50 153 ms at 10M events, against 32 ms with it).
 *
 * What the key also did was refuse a second copy of a cell, which only a builder bug could write; the
 * cube integration tests (concurrent ingest, rebuilds and reads of one day; every question against the
 * exact path) count every figure and would see one. On a Citus cluster the same DDL applies per shard.
 */
export class CubeCellsIndex1765000000500 implements MigrationInterface {
  name = 'CubeCellsIndex1765000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cube_daily" DROP CONSTRAINT "pk_cube_daily"`);
    await q.query(`CREATE INDEX "ix_cube_daily_cells" ON "cube_daily" ("org_id", "grain", "campaign_id", "day")`);
    await q.query(`
      CREATE INDEX "ix_cube_daily_audience" ON "cube_daily" ("org_id", "campaign_id", "day", "d1", "d2", "d3", "d4", "d5")
        WHERE "grain" = 'audience'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_cube_daily_audience"`);
    await q.query(`DROP INDEX "ix_cube_daily_cells"`);
    await q.query(`
      ALTER TABLE "cube_daily" ADD CONSTRAINT "pk_cube_daily"
        PRIMARY KEY ("org_id", "grain", "campaign_id", "day", "creative_id", "d1", "d2", "d3", "d4", "d5")`);
  }
}
