import type { MigrationInterface, QueryRunner } from 'typeorm';
// The function bodies are the writer's statement itself (see migration 1765000000150).
// eslint-disable-next-line no-restricted-imports
import {
  WRITE_BATCH_ARGUMENTS,
  WRITE_BATCH_FUNCTIONS,
  writeBatchFunctionDdl,
} from '../../../warehouse/events/event-writer.js';
import { distributeFunctionOnCitus } from '../citus-distribution.js';

/** Event type → metric column, as the rollup tables had them (frozen here: a migration never changes). */
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
/** Prefix of the event ids this migration and the retention job give the rows they keep (contracts RESERVED_EVENT_ID_PREFIX). */
const KEPT = '~kept:';

/**
 * Events become the only table written per event (issue 16: ingest at ≥ 0.6 of COPY, ≤ 250 B/event).
 * `rollup_daily`, `rollup_daily_creative`, `rollup_hourly` and `reach_daily` held copies of each event
 * (≈ 1 row per event for rollup_daily and reach_daily at real densities): they become views over
 * `events` with the same columns, so every reader reads what it read, and the cube (built per day from
 * them) is the store that grows with days × cells. The write functions are re-created with the writer's
 * new statement (the day marks, then the events).
 *
 * Each event now carries the version of its day's mark under which it was written (`version`; the
 * writer bumps the mark first, holding its row lock to commit, so versions follow commit order within a
 * day), indexed as `(org_id, day, version)`: the index gives the views their day ranges, and a question
 * over a day changed since its cube build reads the build plus only the events written after it
 * (`version > built_version`, live-days.ts). Writes that change stored events instead of adding
 * (imports' COPY, revisions, deletions) set the mark's `full_version`: such a day is read whole until
 * its next build. `received_at` (never read) is dropped.
 *
 * Days whose raw events the retention job already deleted had their figures only in the rollups and
 * reach_daily: those figures are first written back as kept events (ids `~kept:…`): per audience cell,
 * type and day the count the rollup held beyond the remaining events (at the day's start: the hour of
 * those figures is not kept), and per member, creative and day one zero-count event with the member's
 * audience (what reach_daily held). The retention job now keeps days the same way instead of leaving
 * them to the rollups (retention.service.ts).
 *
 * A member is now counted in every audience cell and platform they were seen in that day (reach_daily
 * kept the first one per creative and day): totals are unchanged, a breakdown's parts count such a
 * member in each part (docs/metrics).
 */
export class EventsOnlyPerEventStore1765000000400 implements MigrationInterface {
  name = 'EventsOnlyPerEventStore1765000000400';

  async up(q: QueryRunner): Promise<void> {
    // On a Citus cluster: one connection per worker for the DDL below, so this transaction may still read
    // the reference table `organizations` after it (a parallel DDL forbids that). Nothing without Citus.
    const citus: unknown[] = await q.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
    if (citus.length > 0) await q.query(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`);

    // Days whose figures in the rollups differ from their remaining raw events (retention deleted some).
    await q.query(`
      CREATE TEMPORARY TABLE "kept_days" ON COMMIT DROP AS
      SELECT COALESCE(r.org_id, e.org_id) AS org_id, COALESCE(r.day, e.day) AS day
        FROM (SELECT org_id, day, ${METRICS.map(([, c]) => `sum("${c}") AS "${c}"`).join(', ')}
                FROM "rollup_daily_creative" GROUP BY org_id, day) r
        LEFT JOIN (SELECT org_id, day,
                          ${METRICS.map(([t, c]) => `coalesce(sum("count") FILTER (WHERE "type" = '${t}'), 0) AS "${c}"`).join(', ')}
                     FROM "events" GROUP BY org_id, day) e ON e.org_id = r.org_id AND e.day = r.day
       WHERE e.org_id IS NULL OR ${METRICS.map(([, c]) => `r."${c}" <> e."${c}"`).join(' OR ')}`);
    await q.query(`
      INSERT INTO "events" (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, member_hash,
                            age_band, gender, region, language, count, import_id)
      SELECT r.org_id, '${KEPT}' || md5(concat_ws('|', 'count', r.day, r.creative_id, r.platform, r.age_band, r.gender, r.region, r.language, t.type)),
             r.day::timestamp AT TIME ZONE o.time_zone, r.day, r.campaign_id, r.creative_id, r.platform, t.type, NULL,
             r.age_band, r.gender, r.region, r.language, (t.stored - coalesce(e.n, 0))::integer, NULL
        FROM "rollup_daily" r
        JOIN "kept_days" k ON k.org_id = r.org_id AND k.day = r.day
        JOIN "organizations" o ON o.id = r.org_id
        CROSS JOIN LATERAL (VALUES ${METRICS.map(([t, c]) => `('${t}', r."${c}")`).join(', ')}) AS t(type, stored)
        LEFT JOIN (SELECT e.org_id, e.day, e.creative_id, e.platform, e.age_band, e.gender, e.region, e.language, e.type,
                          sum(e.count) AS n
                     FROM "events" e JOIN "kept_days" k ON k.org_id = e.org_id AND k.day = e.day
                    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9) e
          ON e.org_id = r.org_id AND e.day = r.day AND e.creative_id = r.creative_id AND e.platform = r.platform
         AND e.age_band = r.age_band AND e.gender = r.gender AND e.region = r.region AND e.language = r.language
         AND e.type = t.type
       WHERE t.stored > coalesce(e.n, 0)`);
    await q.query(`
      INSERT INTO "events" (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, member_hash,
                            age_band, gender, region, language, count, import_id)
      SELECT r.org_id, '${KEPT}' || md5(concat_ws('|', 'member', r.day, r.creative_id, r.member_hash)),
             r.day::timestamp AT TIME ZONE o.time_zone, r.day, r.campaign_id, r.creative_id, r.platform, 'impression',
             r.member_hash, r.age_band, r.gender, r.region, r.language, 0, NULL
        FROM "reach_daily" r
        JOIN "kept_days" k ON k.org_id = r.org_id AND k.day = r.day
        JOIN "organizations" o ON o.id = r.org_id
       WHERE NOT EXISTS (SELECT 1 FROM "events" e
                          WHERE e.org_id = r.org_id AND e.day = r.day AND e.creative_id = r.creative_id
                            AND e.member_hash = r.member_hash)`);

    await q.query(`ALTER TABLE "events" ADD "version" bigint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "events" DROP COLUMN "received_at"`);
    await q.query(`CREATE INDEX "ix_events_org_day_version" ON "events" ("org_id", "day", "version")`);
    await q.query(`ALTER TABLE "cube_dirty" ADD "full_version" bigint NOT NULL DEFAULT 0`);
    for (const table of ['reach_daily', 'rollup_hourly', 'rollup_daily_creative', 'rollup_daily']) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(`
      CREATE VIEW "rollup_daily" AS
      SELECT org_id, day, version, campaign_id, creative_id, platform, age_band, gender, region, language,
      ${perType}
        FROM "events"`);
    await q.query(`
      CREATE VIEW "rollup_daily_creative" AS
      SELECT org_id, day, campaign_id, creative_id, platform,
      ${perType}
        FROM "events"`);
    // The organisation-local day stays a column: readers narrow an hour range to its days (the index).
    await q.query(`
      CREATE VIEW "rollup_hourly" AS
      SELECT org_id, day, version, date_trunc('hour', occurred_at, 'UTC') AS hour, campaign_id, creative_id, platform,
      ${perType}
        FROM "events"`);
    await q.query(`
      CREATE VIEW "reach_daily" AS
      SELECT org_id, day, version, creative_id, member_hash, campaign_id, platform, age_band, gender, region, language
        FROM "events" WHERE member_hash IS NOT NULL`);

    for (const fn of WRITE_BATCH_FUNCTIONS) {
      await q.query(writeBatchFunctionDdl(fn));
      await distributeFunctionOnCitus(q, `${fn.name}(${WRITE_BATCH_ARGUMENTS})`, '$1', 'events');
    }
    // Every day the cube holds is built again from the views (members now counted in each cell they were
    // seen in), and read whole until then (its build counted members the old way).
    await q.query(
      `UPDATE "cube_dirty" SET "version" = "version" + 1, "full_version" = "version" + 1, "pending" = true`,
    );
  }

  /**
   * Not reversible: the previous writer wrote the rollups itself, and its statement is not kept here.
   * Restore a backup taken before this migration instead (docs/operations).
   */
  async down(): Promise<void> {
    throw new Error(
      'EventsOnlyPerEventStore1765000000400 cannot be reverted: the rollups are views over events now and the previous ' +
        'write statement is gone; restore the backup taken before upgrading',
    );
  }
}
