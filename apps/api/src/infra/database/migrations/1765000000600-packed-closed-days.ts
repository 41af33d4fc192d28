import type { MigrationInterface, QueryRunner } from 'typeorm';
import { distributeOnCitus } from '../citus-distribution.js';

/** Event type → metric column, as migration 1765000000400 defined the views (frozen here). */
const METRICS: readonly (readonly [type: string, column: string])[] = [
  ['impression', 'impressions'],
  ['view', 'views'],
  ['like', 'likes'],
  ['comment', 'comments'],
  ['share', 'shares'],
  ['save', 'saves'],
  ['click', 'clicks'],
  ['video_view', 'video_views'],
  ['video_complete', 'video_completes'],
  ['follow', 'follows'],
  ['resource_click', 'resource_clicks'],
];
const perType = METRICS.map(
  ([type, column]) => `CASE WHEN "type" = '${type}' THEN "count" ELSE 0 END::bigint AS "${column}"`,
).join(',\n      ');

/** The per-event columns a packed part keeps as arrays, in `unnest` order (event-packer.ts). */
const PACKED = `event_id, occurred_at, creative_id, platform, type, member_hash, age_band, gender, region, language, count`;

/**
 * Closed days' events packed (issue 16, target 4: ≤ 250 B/event all-in). A heap row and its key cost an
 * event 233 B; the same events as one row per organisation, day and campaign holding each column as an
 * array cost 28 B (measured on a day of `bench:query`'s events): PostgreSQL compresses each array on its
 * own (TOAST, pglz — the embedded PostgreSQL ships no lz4), so the repetitive columns (platform, type,
 * audience, creative, count) shrink to a byte or two an event and only the member hash stays whole.
 *
 * - `events_packed`: one row per (organisation, day, campaign): the events' columns as arrays in the same
 *   order, and `version`, the day's mark version the part was packed at, which every event in it takes
 *   (the cube had built the day at that version, so a build at that version or later holds them all, and a
 *   question reading "the events after the build" never needs a packed part: its `version > built`
 *   filter drops whole parts, live-days.ts). Rows from imports and the rows retention keeps are never
 *   packed (event-packer.ts).
 * - `cube_dirty.packed_version`: the mark version a day was last packed at; a later write bumps the
 *   version and the day is packed again after its next build (new rows appended to the parts).
 * - `events_all`: the events of both stores, the columns of `events`. The rollup views read it, so every
 *   question and every day build reads a packed day as it read the raw rows.
 *
 * A packed event's id is still what makes a resend change nothing: writers lock a closed day's mark and
 * drop ids found in its parts (event-writer.ts). On a Citus cluster the table is distributed by
 * organisation, co-located with `events`.
 */
export class PackedClosedDays1765000000600 implements MigrationInterface {
  name = 'PackedClosedDays1765000000600';

  async up(q: QueryRunner): Promise<void> {
    const citus: unknown[] = await q.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
    if (citus.length > 0) await q.query(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`);
    await q.query(`
      CREATE TABLE "events_packed" (
        "org_id" uuid NOT NULL,
        "day" date NOT NULL,
        "campaign_id" uuid NOT NULL,
        "version" bigint NOT NULL,
        "n" integer NOT NULL,
        "event_id" text[] NOT NULL,
        "occurred_at" timestamptz[] NOT NULL,
        "creative_id" uuid[] NOT NULL,
        "platform" text[] NOT NULL,
        "type" text[] NOT NULL,
        "member_hash" bigint[] NOT NULL,
        "age_band" text[] NOT NULL,
        "gender" text[] NOT NULL,
        "region" text[] NOT NULL,
        "language" text[] NOT NULL,
        "count" integer[] NOT NULL,
        CONSTRAINT "pk_events_packed" PRIMARY KEY ("org_id", "day", "campaign_id"),
        CONSTRAINT "fk_events_packed_organization" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE
      )`);
    await q.query(`ALTER TABLE "cube_dirty" ADD "packed_version" bigint`);
    await distributeOnCitus(q);
    await q.query(`
      CREATE VIEW "events_all" AS
      SELECT org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, member_hash,
             age_band, gender, region, language, count, import_id, version
        FROM "events"
      UNION ALL
      SELECT p.org_id, u.event_id, u.occurred_at, p.day, p.campaign_id, u.creative_id, u.platform, u.type, u.member_hash,
             u.age_band, u.gender, u.region, u.language, u.count, NULL::uuid AS import_id, p.version
        FROM "events_packed" p
        CROSS JOIN LATERAL unnest(p.event_id, p.occurred_at, p.creative_id, p.platform, p.type, p.member_hash,
                                  p.age_band, p.gender, p.region, p.language, p.count) AS u(${PACKED})`);
    await this.views(q, 'events_all');
  }

  async down(q: QueryRunner): Promise<void> {
    const [packed] = await q.query(`SELECT EXISTS (SELECT 1 FROM "events_packed") AS found`);
    if ((packed as { found: boolean }).found)
      await q.query(`
        INSERT INTO "events" (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, member_hash,
                              age_band, gender, region, language, count, import_id, version)
        SELECT org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, member_hash,
               age_band, gender, region, language, count, import_id, version
          FROM "events_all" a WHERE NOT EXISTS (SELECT 1 FROM "events" e WHERE e.org_id = a.org_id AND e.event_id = a.event_id)`);
    await this.views(q, 'events');
    await q.query(`DROP VIEW "events_all"`);
    await q.query(`DROP TABLE "events_packed"`);
    await q.query(`ALTER TABLE "cube_dirty" DROP COLUMN "packed_version"`);
  }

  /** The rollup views of migration 1765000000400, over `source`. */
  private async views(q: QueryRunner, source: string): Promise<void> {
    await q.query(`
      CREATE OR REPLACE VIEW "rollup_daily" AS
      SELECT org_id, day, version, campaign_id, creative_id, platform, age_band, gender, region, language,
      ${perType}
        FROM "${source}"`);
    await q.query(`
      CREATE OR REPLACE VIEW "rollup_daily_creative" AS
      SELECT org_id, day, campaign_id, creative_id, platform,
      ${perType}
        FROM "${source}"`);
    await q.query(`
      CREATE OR REPLACE VIEW "rollup_hourly" AS
      SELECT org_id, day, version, date_trunc('hour', occurred_at, 'UTC') AS hour, campaign_id, creative_id, platform,
      ${perType}
        FROM "${source}"`);
    await q.query(`
      CREATE OR REPLACE VIEW "reach_daily" AS
      SELECT org_id, day, version, creative_id, member_hash, campaign_id, platform, age_band, gender, region, language
        FROM "${source}" WHERE member_hash IS NOT NULL`);
  }
}
