import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cube gains grains for every pair of audience dimensions, creative × each audience dimension and
 * the full audience cell (platform, age band, gender, region and language: three or more filters, a
 * saved segment). The full cell needs five dimension columns: d3, d4 and d5 join d1 and d2 ('' where a
 * grain has fewer dimensions) and the primary key. Every day the cube holds is marked again (its
 * version raised, pending) so the refresher rebuilds it with the new grains; until a day is rebuilt, a
 * question over it waits for its rebuild or, past 31 such days, is answered exactly from the rollups.
 * A rebuild replaces a day's cells (DELETE … WHERE org_id AND day): with five times the cells, finding
 * them through the primary key (day is its fourth column) read every cell of the organisation, so
 * they get an (org_id, day) index. Plain DDL and an UPDATE without functions: the same on a Citus
 * cluster (cube_daily and cube_dirty are distributed by org_id, which the key and index keep first).
 */
export class CubeAudienceGrains1765000000220 implements MigrationInterface {
  name = 'CubeAudienceGrains1765000000220';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "cube_daily"
        ADD COLUMN "d3" text NOT NULL DEFAULT '',
        ADD COLUMN "d4" text NOT NULL DEFAULT '',
        ADD COLUMN "d5" text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE "cube_daily" DROP CONSTRAINT "pk_cube_daily"`);
    await q.query(`
      ALTER TABLE "cube_daily" ADD CONSTRAINT "pk_cube_daily"
        PRIMARY KEY ("org_id", "grain", "campaign_id", "day", "creative_id", "d1", "d2", "d3", "d4", "d5")`);
    await q.query(`CREATE INDEX "ix_cube_daily_day" ON "cube_daily" ("org_id", "day")`);
    await q.query(`UPDATE "cube_dirty" SET "version" = "version" + 1, "pending" = true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_cube_daily_day"`);
    await q.query(`DELETE FROM "cube_daily" WHERE "d3" <> '' OR "d4" <> '' OR "d5" <> ''`);
    await q.query(`ALTER TABLE "cube_daily" DROP CONSTRAINT "pk_cube_daily"`);
    await q.query(`
      ALTER TABLE "cube_daily" ADD CONSTRAINT "pk_cube_daily"
        PRIMARY KEY ("org_id", "grain", "campaign_id", "day", "creative_id", "d1", "d2")`);
    await q.query(`ALTER TABLE "cube_daily" DROP COLUMN "d3", DROP COLUMN "d4", DROP COLUMN "d5"`);
    // The earlier code keeps fewer grains: rebuild every day so no row of a grain it does not know stays.
    await q.query(`UPDATE "cube_dirty" SET "version" = "version" + 1, "pending" = true`);
  }
}
