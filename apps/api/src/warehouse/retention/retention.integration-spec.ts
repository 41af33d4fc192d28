import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../../test/test-app.js';
import { createTenant } from '../../../test/tenancy.js';
import { withPgTransaction } from '../../infra/database/pg-transaction.js';
import { writeEvents, type StoredEvent } from '../events/event-writer.js';
import { RetentionService } from './retention.service.js';

describe('raw event retention', () => {
  let app: NestExpressApplication;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createTestApp({ RESONANCE_RAW_EVENT_RETENTION_DAYS: '30' });
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  it('replaces raw events past the retention period by kept rows: every figure, hour and reach stays', async () => {
    const { orgId } = await createTenant(app);
    const [campaign] = await dataSource.query(
      `INSERT INTO campaigns (org_id, key, name) VALUES ($1, 'keep', 'Keep') RETURNING id`,
      [orgId],
    );
    const [creative] = await dataSource.query(
      `INSERT INTO creatives (org_id, campaign_id, key, name, platform) VALUES ($1, $2, 'c1', 'C1', 'tiktok') RETURNING id`,
      [orgId, campaign.id],
    );
    const event = (eventId: string, occurredAt: string, extra: Partial<StoredEvent> = {}): StoredEvent => ({
      eventId,
      occurredAt,
      campaignId: campaign.id,
      creativeId: creative.id,
      platform: 'tiktok',
      type: 'impression',
      memberHash: null,
      ageBand: '18-24',
      gender: 'female',
      region: 'GB',
      language: 'en',
      count: 3,
      importId: null,
      ...extra,
    });
    await withPgTransaction(dataSource, async (client) => {
      await writeEvents(client, {
        orgId,
        timeZone: 'UTC',
        events: [
          event('old-1', '2026-01-01T10:00:00Z'),
          event('old-2', '2026-01-01T10:30:00Z', { count: 2 }),
          event('old-3', '2026-01-02T10:00:00Z'),
          // Member 7 twice on one platform and once on another; member 8 once, clicking.
          event('old-m1', '2026-01-02T11:00:00Z', { memberHash: '7', count: 1 }),
          event('old-m2', '2026-01-02T12:00:00Z', { memberHash: '7', count: 1 }),
          event('old-m3', '2026-01-02T13:00:00Z', { memberHash: '7', count: 1, platform: 'instagram' }),
          event('old-m4', '2026-01-02T13:00:00Z', { memberHash: '8', count: 1, type: 'click', ageBand: '25-34' }),
          // The cutoff falls within this day: the morning goes, the evening stays raw.
          event('edge-am', '2026-02-08T06:00:00Z', { memberHash: '9', count: 1 }),
          event('edge-pm', '2026-02-08T20:00:00Z', { memberHash: '9', count: 1 }),
          event('new-1', '2026-03-01T10:00:00Z'),
        ],
      });
    });
    await dataSource.query(
      `INSERT INTO events (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, count, import_id)
       VALUES ($1, 'import-1', '2026-01-01T00:00:00Z', '2026-01-01', $2, $3, 'tiktok', 'view', 50, gen_random_uuid())`,
      [orgId, campaign.id, creative.id],
    );
    const figures = async () => ({
      cells: await dataSource.query(
        `SELECT day::text, platform, age_band, gender, region, language, sum(impressions)::int AS impressions,
                sum(clicks)::int AS clicks, sum(views)::int AS views
           FROM rollup_daily WHERE org_id = $1 GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`,
        [orgId],
      ),
      hours: await dataSource.query(
        `SELECT hour::text, platform, sum(impressions)::int AS impressions, sum(clicks)::int AS clicks
           FROM rollup_hourly WHERE org_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
        [orgId],
      ),
      reach: await dataSource.query(
        `SELECT day::text, platform, age_band, count(DISTINCT member_hash)::int AS members
           FROM reach_daily WHERE org_id = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
        [orgId],
      ),
      days: await dataSource.query(
        `SELECT day::text, count(DISTINCT member_hash)::int AS members FROM reach_daily WHERE org_id = $1 GROUP BY 1 ORDER BY 1`,
        [orgId],
      ),
    });
    const before = await figures();
    const ids = async (): Promise<string[]> =>
      (
        await dataSource.query(
          `SELECT event_id FROM events WHERE org_id = $1 AND event_id NOT LIKE '~kept:%' ORDER BY 1`,
          [orgId],
        )
      ).map((r: { event_id: string }) => r.event_id);
    const retention = app.get(RetentionService);

    // 30 days before 2026-02-08T12:00Z.
    expect(await retention.purgeRawEvents({ now: new Date('2026-03-10T12:00:00Z'), orgId })).toBe(8);
    expect(await ids()).toEqual(['edge-pm', 'import-1', 'new-1']);
    expect(await figures()).toEqual(before);
    // Nothing raw is left before the cutoff: a second run changes nothing.
    expect(await retention.purgeRawEvents({ now: new Date('2026-03-10T12:00:00Z'), orgId })).toBe(0);
    // A day later the rest of the edge day goes, onto the same kept rows (member 9 once).
    expect(await retention.purgeRawEvents({ now: new Date('2026-03-11T12:00:00Z'), orgId })).toBe(1);
    expect(await ids()).toEqual(['import-1', 'new-1']);
    expect(await figures()).toEqual(before);
    const kept: { members: number; counts: number }[] = await dataSource.query(
      `SELECT count(*) FILTER (WHERE member_hash IS NOT NULL)::int AS members,
              count(*) FILTER (WHERE member_hash IS NULL)::int AS counts
         FROM events WHERE org_id = $1 AND event_id LIKE '~kept:%'`,
      [orgId],
    );
    // Members: 7 on tiktok, 7 on instagram, 8, 9 (one row for its two events); counts: one per hour, cell and type.
    expect(kept).toEqual([{ members: 4, counts: 8 }]);
  });
});
