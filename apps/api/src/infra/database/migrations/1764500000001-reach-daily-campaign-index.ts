import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaign reach reads reach_daily by campaign and day: with only the (org_id, day, creative_id,
 * member_hash) key, a one-campaign question scanned every campaign's members in the window. This
 * index makes it an index-only scan of that campaign's rows. (reach_daily has no entity: it is
 * written and read with plain SQL.)
 */
export class ReachDailyCampaignIndex1764500000001 implements MigrationInterface {
  name = 'ReachDailyCampaignIndex1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_reach_daily_org_campaign_day" ON "reach_daily" ("org_id", "campaign_id", "day", "member_hash")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_reach_daily_org_campaign_day"`);
  }
}
