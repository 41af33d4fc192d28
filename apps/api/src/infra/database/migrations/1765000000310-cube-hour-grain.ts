import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cube gains an hour grain (cube-grains.ts HOUR_GRAIN): counts per UTC hour and platform, per
 * campaign and for all campaigns together, stored in cube_daily as grain 'hour' under the
 * organisation-local day the hour lies in — no new table or column. Every day the cube holds is marked
 * again (its version raised, pending) so the refresher rebuilds it with its hour cells; until then a
 * question over it reads the day's rows (live-days.ts) or, past 31 such days, rollup_hourly as before.
 * A plain UPDATE: the same on a Citus cluster.
 */
export class CubeHourGrain1765000000310 implements MigrationInterface {
  name = 'CubeHourGrain1765000000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "cube_dirty" SET "version" = "version" + 1, "pending" = true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "cube_daily" WHERE "grain" = 'hour'`);
    await q.query(`UPDATE "cube_dirty" SET "version" = "version" + 1, "pending" = true`);
  }
}
