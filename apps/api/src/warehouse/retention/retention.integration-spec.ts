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

  it('deletes raw events past the retention period and keeps the rollups', async () => {
    const { orgId } = await createTenant(app);
    const [campaign] = await dataSource.query(
      `INSERT INTO campaigns (org_id, key, name) VALUES ($1, 'keep', 'Keep') RETURNING id`,
      [orgId],
    );
    const [creative] = await dataSource.query(
      `INSERT INTO creatives (org_id, campaign_id, key, name, platform) VALUES ($1, $2, 'c1', 'C1', 'tiktok') RETURNING id`,
      [orgId, campaign.id],
    );
    const event = (eventId: string, occurredAt: string): StoredEvent => ({
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
    });
    await withPgTransaction(dataSource, async (client) => {
      await writeEvents(client, {
        orgId,
        timeZone: 'UTC',
        events: [
          event('old-1', '2026-01-01T10:00:00Z'),
          event('old-2', '2026-01-02T10:00:00Z'),
          event('new-1', '2026-03-01T10:00:00Z'),
        ],
      });
    });

    const deleted = await app.get(RetentionService).purgeRawEvents({ now: new Date('2026-03-10T00:00:00Z'), orgId });

    expect(deleted).toBe(2);
    const remaining = await dataSource.query(`SELECT event_id FROM events WHERE org_id = $1`, [orgId]);
    expect(remaining).toEqual([{ event_id: 'new-1' }]);
    const [rollup] = await dataSource.query(
      `SELECT sum(impressions)::int AS impressions FROM rollup_daily WHERE org_id = $1`,
      [orgId],
    );
    expect(rollup.impressions).toBe(9);
  });
});
