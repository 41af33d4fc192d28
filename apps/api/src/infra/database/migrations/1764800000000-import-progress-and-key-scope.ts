import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports run as jobs with visible progress (rows and bytes done, a failure when one stops), and
 * API keys may carry an `import` scope so scripts can upload exports.
 */
export class ImportProgressAndKeyScope1764800000000 implements MigrationInterface {
  name = 'ImportProgressAndKeyScope1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "imports"
        ADD COLUMN "rows_done" integer NOT NULL DEFAULT 0,
        ADD COLUMN "bytes_done" bigint NOT NULL DEFAULT 0,
        ADD COLUMN "bytes_total" bigint NOT NULL DEFAULT 0,
        ADD COLUMN "phase" text NOT NULL DEFAULT 'done',
        ADD COLUMN "failure" jsonb,
        ADD COLUMN "updated_at" timestamptz NOT NULL DEFAULT now()`);
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "chk_api_keys_scopes"`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "chk_api_keys_scopes" CHECK (cardinality("scopes") > 0 AND "scopes" <@ ARRAY['ingest', 'read', 'import']::text[])`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Keys that could only import lose their only scope: they are removed rather than left unusable.
    await q.query(`UPDATE "api_keys" SET "scopes" = array_remove("scopes", 'import')`);
    await q.query(`DELETE FROM "api_keys" WHERE cardinality("scopes") = 0`);
    await q.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "chk_api_keys_scopes"`);
    await q.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "chk_api_keys_scopes" CHECK (cardinality("scopes") > 0 AND "scopes" <@ ARRAY['ingest', 'read']::text[])`,
    );
    await q.query(`DELETE FROM "imports" WHERE "status" <> 'completed'`);
    await q.query(
      `ALTER TABLE "imports" DROP COLUMN "rows_done", DROP COLUMN "bytes_done", DROP COLUMN "bytes_total", DROP COLUMN "phase", DROP COLUMN "failure", DROP COLUMN "updated_at"`,
    );
  }
}
