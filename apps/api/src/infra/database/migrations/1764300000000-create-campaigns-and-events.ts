import type { MigrationInterface, QueryRunner } from 'typeorm';

const METRIC_COLUMNS = `
  "impressions" bigint NOT NULL DEFAULT 0,
  "views" bigint NOT NULL DEFAULT 0,
  "likes" bigint NOT NULL DEFAULT 0,
  "comments" bigint NOT NULL DEFAULT 0,
  "shares" bigint NOT NULL DEFAULT 0,
  "saves" bigint NOT NULL DEFAULT 0,
  "clicks" bigint NOT NULL DEFAULT 0,
  "video_views" bigint NOT NULL DEFAULT 0,
  "video_completes" bigint NOT NULL DEFAULT 0,
  "follows" bigint NOT NULL DEFAULT 0,
  "resource_clicks" bigint NOT NULL DEFAULT 0`;

/**
 * Campaigns, creatives, raw events and the rollups analytics reads.
 * Every tenant table leads its primary key with org_id (Citus distribution column).
 * Raw events keep one index (the idempotency key) so ingest stays fast; dashboards read rollups.
 */
export class CreateCampaignsAndEvents1764300000000 implements MigrationInterface {
  name = 'CreateCampaignsAndEvents1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organizations" ADD "time_zone" text NOT NULL DEFAULT 'UTC'`);
    await q.query(`
      CREATE TABLE "campaigns" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "key" text NOT NULL,
        "name" text NOT NULL,
        "objective" text,
        "starts_on" date,
        "ends_on" date,
        "tags" text[] NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_campaigns" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_campaigns_org" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE,
        CONSTRAINT "chk_campaigns_window" CHECK ("ends_on" IS NULL OR "starts_on" IS NULL OR "ends_on" >= "starts_on")
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_campaigns_org_key" ON "campaigns" ("org_id", "key")`);
    await q.query(`
      CREATE TABLE "creatives" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "campaign_id" uuid NOT NULL,
        "key" text NOT NULL,
        "name" text NOT NULL,
        "platform" text NOT NULL DEFAULT 'other',
        "format" text NOT NULL DEFAULT 'other',
        "theme" text,
        "partner" text,
        "tags" text[] NOT NULL DEFAULT '{}',
        "external_ids" text[] NOT NULL DEFAULT '{}',
        "needs_details" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_creatives" PRIMARY KEY ("org_id", "id"),
        CONSTRAINT "fk_creatives_campaign" FOREIGN KEY ("org_id", "campaign_id") REFERENCES "campaigns"("org_id", "id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_creatives_org_campaign_key" ON "creatives" ("org_id", "campaign_id", "key")`,
    );

    // Raw events: loaded in arrival order; the primary key is the idempotency key.
    await q.query(`
      CREATE TABLE "events" (
        "org_id" uuid NOT NULL,
        "event_id" text NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "day" date NOT NULL,
        "campaign_id" uuid NOT NULL,
        "creative_id" uuid NOT NULL,
        "platform" text NOT NULL,
        "type" text NOT NULL,
        "member_hash" bigint,
        "age_band" text NOT NULL DEFAULT 'unknown',
        "gender" text NOT NULL DEFAULT 'unknown',
        "region" text NOT NULL DEFAULT 'unknown',
        "language" text NOT NULL DEFAULT 'unknown',
        "count" integer NOT NULL DEFAULT 1,
        "import_id" uuid,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_events" PRIMARY KEY ("org_id", "event_id")
      )`);

    // Daily rollup over every dimension (org-local day), one row per cell, a column per event type.
    await q.query(`
      CREATE TABLE "rollup_daily" (
        "org_id" uuid NOT NULL,
        "day" date NOT NULL,
        "campaign_id" uuid NOT NULL,
        "creative_id" uuid NOT NULL,
        "platform" text NOT NULL,
        "age_band" text NOT NULL,
        "gender" text NOT NULL,
        "region" text NOT NULL,
        "language" text NOT NULL,
        ${METRIC_COLUMNS},
        CONSTRAINT "pk_rollup_daily" PRIMARY KEY ("org_id", "day", "creative_id", "platform", "age_band", "gender", "region", "language")
      )`);
    // Coarse daily rollup for questions without audience filters (summary, trend, creatives).
    await q.query(`
      CREATE TABLE "rollup_daily_creative" (
        "org_id" uuid NOT NULL,
        "day" date NOT NULL,
        "campaign_id" uuid NOT NULL,
        "creative_id" uuid NOT NULL,
        "platform" text NOT NULL,
        ${METRIC_COLUMNS},
        CONSTRAINT "pk_rollup_daily_creative" PRIMARY KEY ("org_id", "day", "creative_id", "platform")
      )`);
    // Hourly (UTC) rollup: hour buckets in any time zone, and day buckets in zones other than the org's.
    await q.query(`
      CREATE TABLE "rollup_hourly" (
        "org_id" uuid NOT NULL,
        "hour" timestamptz NOT NULL,
        "campaign_id" uuid NOT NULL,
        "creative_id" uuid NOT NULL,
        "platform" text NOT NULL,
        ${METRIC_COLUMNS},
        CONSTRAINT "pk_rollup_hourly" PRIMARY KEY ("org_id", "hour", "creative_id", "platform")
      )`);
    // Reach: one row per member, creative and day, with the member's audience dimensions.
    // Distinct counts over it are exact; reach is never summed from rollups.
    await q.query(`
      CREATE TABLE "reach_daily" (
        "org_id" uuid NOT NULL,
        "day" date NOT NULL,
        "creative_id" uuid NOT NULL,
        "member_hash" bigint NOT NULL,
        "campaign_id" uuid NOT NULL,
        "platform" text NOT NULL,
        "age_band" text NOT NULL,
        "gender" text NOT NULL,
        "region" text NOT NULL,
        "language" text NOT NULL,
        CONSTRAINT "pk_reach_daily" PRIMARY KEY ("org_id", "day", "creative_id", "member_hash")
      )`);

    await q.query(`
      CREATE TABLE "imports" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "format" text NOT NULL,
        "file_name" text NOT NULL,
        "checksum" text NOT NULL,
        "status" text NOT NULL DEFAULT 'completed',
        "rows_read" integer NOT NULL DEFAULT 0,
        "rows_accepted" integer NOT NULL DEFAULT 0,
        "rows_duplicate" integer NOT NULL DEFAULT 0,
        "rows_rejected" integer NOT NULL DEFAULT 0,
        "errors" jsonb NOT NULL DEFAULT '[]',
        "mapping" jsonb NOT NULL DEFAULT '{}',
        "campaign_id" uuid,
        "created_by" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_imports" PRIMARY KEY ("org_id", "id")
      )`);
    await q.query(`CREATE INDEX "ix_imports_org_created" ON "imports" ("org_id", "created_at")`);
    // Figures a platform reported for a period longer than a day, or reach at the grain it was
    // reported: kept as reported, never spread over days nor summed across grains.
    await q.query(`
      CREATE TABLE "reported_periods" (
        "org_id" uuid NOT NULL,
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "import_id" uuid NOT NULL,
        "row_key" text NOT NULL,
        "grain" text NOT NULL,
        "period_start" date NOT NULL,
        "period_end" date NOT NULL,
        "campaign_id" uuid NOT NULL,
        "creative_id" uuid,
        "platform" text NOT NULL,
        "age_band" text,
        "gender" text,
        "region" text,
        "reach" bigint,
        ${METRIC_COLUMNS},
        CONSTRAINT "pk_reported_periods" PRIMARY KEY ("org_id", "id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_reported_periods_row" ON "reported_periods" ("org_id", "row_key")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'reported_periods',
      'imports',
      'reach_daily',
      'rollup_hourly',
      'rollup_daily_creative',
      'rollup_daily',
      'events',
      'creatives',
      'campaigns',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(`ALTER TABLE "organizations" DROP COLUMN "time_zone"`);
  }
}
