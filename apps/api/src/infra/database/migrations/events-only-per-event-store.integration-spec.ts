import pg from 'pg';
import { DataSource } from 'typeorm';
import { testDatabaseUrl } from '../../../../test/test-app.js';
import { MIGRATIONS } from './index.js';
import { EventsOnlyPerEventStore1765000000400 } from './1765000000400-events-only-per-event-store.js';

/**
 * Migration 1765000000400 turns the rollups and reach_daily into views over events. Figures of days
 * whose raw events retention had already deleted lived only in those tables: on a database of the
 * previous schema, they must still be there afterwards, through the views, as kept rows.
 */
describe('migration 1765000000400: events as the only per-event store', () => {
  const name = `resonance_migration_${process.pid}_${Date.now()}`;
  let url: string;
  let db: pg.Client;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    await admin.end();
    const parsed = new URL(testDatabaseUrl());
    parsed.pathname = `/${name}`;
    url = parsed.toString();
    db = new pg.Client({ connectionString: url });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.end();
  });

  const migrate = async (migrations: readonly (new () => object)[]): Promise<void> => {
    const source = new DataSource({
      type: 'postgres',
      url,
      migrations: [...migrations],
      migrationsTransactionMode: 'each',
    });
    await source.initialize();
    try {
      await source.runMigrations();
    } finally {
      await source.destroy();
    }
  };

  it('keeps the figures of days whose raw events were purged, as kept rows the views read', async () => {
    const at = MIGRATIONS.indexOf(EventsOnlyPerEventStore1765000000400);
    expect(at).toBeGreaterThan(0);
    await migrate(MIGRATIONS.slice(0, at));

    const [org] = (
      await db.query<{ id: string }>(
        `INSERT INTO organizations (name, member_key_secret, time_zone) VALUES ('Old', '\\x00', 'Europe/London') RETURNING id`,
      )
    ).rows;
    const orgId = org?.id as string;
    const [campaign] = (
      await db.query<{ id: string }>(`INSERT INTO campaigns (org_id, key, name) VALUES ($1, 'c', 'C') RETURNING id`, [
        orgId,
      ])
    ).rows;
    const [creative] = (
      await db.query<{ id: string }>(
        `INSERT INTO creatives (org_id, campaign_id, key, name, platform) VALUES ($1, $2, 'k', 'K', 'tiktok') RETURNING id`,
        [orgId, campaign?.id],
      )
    ).rows;
    const ids = [orgId, campaign?.id, creative?.id];
    // 2025-01-01: purged (rollups and reach only); 2025-01-02: 2 of 5 impressions left raw; 2025-06-01: intact.
    const rollup = async (day: string, ageBand: string, impressions: number, clicks: number) => {
      await db.query(
        `INSERT INTO rollup_daily (org_id, day, campaign_id, creative_id, platform, age_band, gender, region, language, impressions, clicks)
         VALUES ($1, $4, $2, $3, 'tiktok', $5, 'female', 'GB', 'en', $6, $7)`,
        [...ids, day, ageBand, impressions, clicks],
      );
      await db.query(
        `INSERT INTO rollup_daily_creative (org_id, day, campaign_id, creative_id, platform, impressions, clicks)
         VALUES ($1, $4, $2, $3, 'tiktok', $5, $6)
         ON CONFLICT (org_id, day, creative_id, platform) DO UPDATE
           SET impressions = rollup_daily_creative.impressions + excluded.impressions,
               clicks = rollup_daily_creative.clicks + excluded.clicks`,
        [...ids, day, impressions, clicks],
      );
    };
    const member = (day: string, hash: number, ageBand: string) =>
      db.query(
        `INSERT INTO reach_daily (org_id, day, creative_id, member_hash, campaign_id, platform, age_band, gender, region, language)
         VALUES ($1, $4, $3, $5, $2, 'tiktok', $6, 'female', 'GB', 'en')`,
        [...ids, day, hash, ageBand],
      );
    const event = (id: string, day: string, count: number, hash: number | null) =>
      db.query(
        `INSERT INTO events (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, member_hash,
                             age_band, gender, region, language, count)
         VALUES ($1, $4, ($5::date + time '10:00') AT TIME ZONE 'Europe/London', $5, $2, $3, 'tiktok', 'impression', $7,
                 '18-24', 'female', 'GB', 'en', $6)`,
        [...ids, id, day, count, hash],
      );
    await rollup('2025-01-01', '18-24', 10, 2);
    await rollup('2025-01-01', '25-34', 4, 0);
    await member('2025-01-01', 101, '18-24');
    await member('2025-01-01', 102, '25-34');
    await rollup('2025-01-02', '18-24', 5, 0);
    await event('raw-1', '2025-01-02', 2, 201);
    await member('2025-01-02', 201, '18-24');
    await member('2025-01-02', 202, '18-24');
    await rollup('2025-06-01', '18-24', 7, 0);
    await event('raw-2', '2025-06-01', 7, 301);
    await member('2025-06-01', 301, '18-24');
    await db.query(`INSERT INTO cube_dirty (org_id, day, version, pending) VALUES ($1, '2025-06-01', 4, false)`, [
      orgId,
    ]);

    await migrate(MIGRATIONS);

    const cells = await db.query(
      `SELECT day::text, age_band, sum(impressions)::int AS impressions, sum(clicks)::int AS clicks
         FROM rollup_daily WHERE org_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [orgId],
    );
    expect(cells.rows).toEqual([
      { day: '2025-01-01', age_band: '18-24', impressions: 10, clicks: 2 },
      { day: '2025-01-01', age_band: '25-34', impressions: 4, clicks: 0 },
      { day: '2025-01-02', age_band: '18-24', impressions: 5, clicks: 0 },
      { day: '2025-06-01', age_band: '18-24', impressions: 7, clicks: 0 },
    ]);
    const reach = await db.query(
      `SELECT day::text, array_agg(DISTINCT member_hash ORDER BY member_hash)::text AS members
         FROM reach_daily WHERE org_id = $1 GROUP BY 1 ORDER BY 1`,
      [orgId],
    );
    expect(reach.rows).toEqual([
      { day: '2025-01-01', members: '{101,102}' },
      { day: '2025-01-02', members: '{201,202}' },
      { day: '2025-06-01', members: '{301}' },
    ]);
    // Only what the raw events lacked was added, as kept rows; the intact day got none.
    const kept = await db.query(
      `SELECT day::text, count(*)::int AS n FROM events WHERE org_id = $1 AND event_id LIKE '~kept:%' GROUP BY 1 ORDER BY 1`,
      [orgId],
    );
    expect(kept.rows).toEqual([
      { day: '2025-01-01', n: 5 }, // 3 counts (18-24 impressions and clicks, 25-34 impressions) + 2 members
      { day: '2025-01-02', n: 2 }, // 3 impressions more than the raw event held, and member 202
    ]);
    // Every day is built again and read whole until then.
    const marks = await db.query(
      `SELECT day::text, version::int, full_version::int, pending FROM cube_dirty WHERE org_id = $1`,
      [orgId],
    );
    expect(marks.rows).toEqual([{ day: '2025-06-01', version: 5, full_version: 5, pending: true }]);
  });
});
