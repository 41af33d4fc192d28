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
  .join(',\n        ');

/**
 * Spend from platform exports, and what a re-import revised.
 *
 * `reported_spend`: one row per imported row that carried spend, keyed like the figures it belongs
 * to (`row_key`: format, grain, period, campaign, creative, platform, audience cell), with its
 * currency and, beside it, that row's counts, so a cost divides spend by a count of the same rows.
 * A later export of the same key replaces the row (the latest export wins).
 *
 * `imports`: how many rows were new and how many revised figures stored by an earlier import, and
 * the change in totals those revisions made.
 */
export class CreateReportedSpendAndImportRevisions1764900000300 implements MigrationInterface {
  name = 'CreateReportedSpendAndImportRevisions1764900000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "reported_spend" (
        "org_id" uuid NOT NULL,
        "row_key" text NOT NULL,
        "import_id" uuid NOT NULL,
        "grain" text NOT NULL,
        "period_start" date NOT NULL,
        "period_end" date NOT NULL,
        "campaign_id" uuid NOT NULL,
        "creative_id" uuid,
        "platform" text NOT NULL,
        "age_band" text,
        "gender" text,
        "region" text,
        "currency" char(3) NOT NULL,
        "spend_micros" bigint NOT NULL,
        ${METRIC_COLUMNS},
        CONSTRAINT "pk_reported_spend" PRIMARY KEY ("org_id", "row_key"),
        CONSTRAINT "chk_reported_spend_currency" CHECK ("currency" ~ '^[A-Z]{3}$'),
        CONSTRAINT "chk_reported_spend_amount" CHECK ("spend_micros" >= 0)
      )`);
    await q.query(
      `CREATE INDEX "ix_reported_spend_period" ON "reported_spend" ("org_id", "period_start", "period_end")`,
    );
    await q.query(
      `CREATE INDEX "ix_reported_periods_period" ON "reported_periods" ("org_id", "period_start", "period_end")`,
    );
    await q.query(`
      ALTER TABLE "imports"
        ADD COLUMN "rows_new" integer NOT NULL DEFAULT 0,
        ADD COLUMN "rows_revised" integer NOT NULL DEFAULT 0,
        ADD COLUMN "revision" jsonb`);
    // Imports before this migration did not tell new rows from revised ones: every accepted row was new.
    await q.query(`UPDATE "imports" SET "rows_new" = "rows_accepted"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "imports" DROP COLUMN "rows_new", DROP COLUMN "rows_revised", DROP COLUMN "revision"`);
    await q.query(`DROP INDEX "ix_reported_periods_period"`);
    await q.query(`DROP TABLE "reported_spend"`);
  }
}
