import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cube marks count their own versions instead of taking them from the `cube_version` sequence.
 *
 * A sequence is not one counter on a Citus cluster (the coordinator and each worker hand out their
 * own ranges), and `nextval()`/`now()` are not allowed in the DO UPDATE SET of an upsert on a
 * distributed table. So each (org_id, day) mark now keeps its row for good and counts:
 * a writer inserts version 1, or bumps the stored one (`version = cube_dirty.version + 1`, under the
 * row lock, so versions follow commit order for a day), and sets `pending`; a rebuild of version v
 * clears `pending` only if the version is still v. Because the row is never deleted, a day's versions
 * only ever grow, and `cube_days.built_version >= version` keeps meaning "a build at least this new is
 * stored" (with deleted rows, a day marked again would restart at 1 and its rebuild be skipped).
 *
 * Existing days: each built day gets a settled mark at its built version, and a pending mark at or
 * below its day's build is raised above it, so nothing built before is skipped or left stale.
 */
export class CubeMarksVersionedPerRow1765000000100 implements MigrationInterface {
  name = 'CubeMarksVersionedPerRow1765000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cube_dirty" ADD COLUMN "pending" boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE "cube_dirty" ALTER COLUMN "version" SET DEFAULT 1`);
    await q.query(`DROP SEQUENCE "cube_version"`);
    await q.query(`
      UPDATE "cube_dirty" d SET "version" = b."built_version" + 1
        FROM "cube_days" b
       WHERE b."org_id" = d."org_id" AND b."day" = d."day" AND d."version" <= b."built_version"`);
    await q.query(`
      INSERT INTO "cube_dirty" ("org_id", "day", "version", "marked_at", "pending")
      SELECT "org_id", "day", "built_version", now(), false FROM "cube_days"
      ON CONFLICT ("org_id", "day") DO NOTHING`);
    // The refresher lists only pending marks.
    await q.query(`CREATE INDEX "ix_cube_dirty_pending" ON "cube_dirty" ("org_id", "day") WHERE "pending"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_cube_dirty_pending"`);
    await q.query(`DELETE FROM "cube_dirty" WHERE NOT "pending"`);
    await q.query(`ALTER TABLE "cube_dirty" DROP COLUMN "pending"`);
    await q.query(`CREATE SEQUENCE "cube_version"`);
    // Above every version in use, so the sequence-based comparison holds again.
    await q.query(`
      SELECT setval('cube_version', greatest(
        (SELECT coalesce(max("version"), 0) FROM "cube_dirty"),
        (SELECT coalesce(max("built_version"), 0) FROM "cube_days")) + 1)`);
    await q.query(`ALTER TABLE "cube_dirty" ALTER COLUMN "version" SET DEFAULT nextval('cube_version')`);
  }
}
