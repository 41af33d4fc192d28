import type { MigrationInterface, QueryRunner } from 'typeorm';

const METRIC_COLUMNS = [
  'impressions',
  'views',
  'likes',
  'comments',
  'shares',
  'saves',
  'clicks',
  'video_views',
  'video_completes',
  'follows',
  'resource_clicks',
]
  .map((c) => `"${c}" bigint NOT NULL DEFAULT 0`)
  .join(', ');

/**
 * The analytics cube: per organisation-local day, counts and a reach sketch for a fixed set of
 * grains (every campaign together and each campaign; total, creative, one audience dimension,
 * age band × gender, creative × age band). Questions these grains cover read a few hundred rows
 * instead of distinct-counting reach_daily. Rebuilt per day from rollup_daily and reach_daily when
 * cube_dirty says the day changed: ingest and imports mark the day in their own transaction with a
 * new value of cube_version; cube_days records which marking the stored cells were built from.
 * (No entities: written and read with plain SQL, like the rollups.)
 */
export class CreateReachCube1764700000000 implements MigrationInterface {
  name = 'CreateReachCube1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "cube_daily" (
        "org_id" uuid NOT NULL,
        "grain" text NOT NULL,
        "campaign_id" uuid NOT NULL,
        "day" date NOT NULL,
        "creative_id" uuid NOT NULL,
        "d1" text NOT NULL,
        "d2" text NOT NULL,
        ${METRIC_COLUMNS},
        "sketch" bytea,
        -- The sketch's own estimate, so a one-row group (a day of a trend) needs no sketch read.
        "reach" bigint NOT NULL DEFAULT 0,
        "reach_exact" boolean NOT NULL DEFAULT true,
        CONSTRAINT "pk_cube_daily" PRIMARY KEY ("org_id", "grain", "campaign_id", "day", "creative_id", "d1", "d2"),
        CONSTRAINT "fk_cube_daily_organization" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
      )`);
    // Sketches are random bytes (explicit) or small register values read in bulk: reading them
    // uncompressed is faster than saving the little pglz would.
    await q.query(`ALTER TABLE "cube_daily" ALTER COLUMN "sketch" SET STORAGE EXTERNAL`);
    await q.query(`CREATE SEQUENCE "cube_version"`);
    await q.query(`
      CREATE TABLE "cube_dirty" (
        "org_id" uuid NOT NULL,
        "day" date NOT NULL,
        "version" bigint NOT NULL DEFAULT nextval('cube_version'),
        "marked_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_cube_dirty" PRIMARY KEY ("org_id", "day"),
        CONSTRAINT "fk_cube_dirty_organization" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "cube_days" (
        "org_id" uuid NOT NULL,
        "day" date NOT NULL,
        "built_version" bigint NOT NULL,
        CONSTRAINT "pk_cube_days" PRIMARY KEY ("org_id", "day"),
        CONSTRAINT "fk_cube_days_organization" FOREIGN KEY ("org_id") REFERENCES "organizations" ("id") ON DELETE CASCADE
      )`);
    // Days recorded before the cube existed are built on first use (or by the background refresher).
    await q.query(`
      INSERT INTO "cube_dirty" ("org_id", "day")
      SELECT DISTINCT r."org_id", r."day" FROM "rollup_daily_creative" r JOIN "organizations" o ON o."id" = r."org_id"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "cube_days"`);
    await q.query(`DROP TABLE "cube_dirty"`);
    await q.query(`DROP SEQUENCE "cube_version"`);
    await q.query(`DROP TABLE "cube_daily"`);
  }
}
