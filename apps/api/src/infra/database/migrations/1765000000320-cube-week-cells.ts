import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The creative grains gain week cells (cube-grains.ts WEEK_GRAINS): per campaign, creative and the
 * grain's dimensions, a Monday-to-Sunday week's counts and merged reach sketch, stored in cube_daily
 * under the week's Monday as grain `<grain>@week` and rebuilt in the write of any of its days. Every day
 * the cube holds is marked again so the refresher rebuilds it, and its week, with them; a week with a
 * day not yet rebuilt is read per day meanwhile. A plain UPDATE: the same on a Citus cluster.
 */
export class CubeWeekCells1765000000320 implements MigrationInterface {
  name = 'CubeWeekCells1765000000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "cube_dirty" SET "version" = "version" + 1, "pending" = true`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "cube_daily" WHERE "grain" LIKE '%@week'`);
    await q.query(`UPDATE "cube_dirty" SET "version" = "version" + 1, "pending" = true`);
  }
}
