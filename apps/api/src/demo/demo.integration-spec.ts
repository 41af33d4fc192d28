import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../create-app.js';
import { DEMO_LOGINS, FirstRunService } from '../bootstrap/first-run.service.js';
import { createTestApp, testConfig, testDatabaseUrl } from '../../test/test-app.js';
import { createTenant } from '../../test/tenancy.js';
import { DemoDataService } from './demo-data.service.js';

const NOW = new Date('2026-11-25T12:00:00Z');

interface Figures {
  events: number;
  impressions: number;
  rollupImpressions: number;
  creativeImpressions: number;
  hourlyImpressions: number;
  reachRows: number;
  campaigns: number;
  creatives: number;
  linked: number;
}

async function figures(db: { query: DataSource['query'] }, orgId: string): Promise<Figures> {
  const rows = await db.query<Figures[]>(
    `SELECT
       (SELECT count(*)::int FROM events WHERE org_id = $1) AS events,
       (SELECT count(*)::int FROM events WHERE org_id = $1 AND type = 'impression') AS impressions,
       (SELECT coalesce(sum(impressions), 0)::int FROM rollup_daily WHERE org_id = $1) AS "rollupImpressions",
       (SELECT coalesce(sum(impressions), 0)::int FROM rollup_daily_creative WHERE org_id = $1) AS "creativeImpressions",
       (SELECT coalesce(sum(impressions), 0)::int FROM rollup_hourly WHERE org_id = $1) AS "hourlyImpressions",
       (SELECT count(*)::int FROM reach_daily WHERE org_id = $1) AS "reachRows",
       (SELECT count(*)::int FROM campaigns WHERE org_id = $1) AS campaigns,
       (SELECT count(*)::int FROM creatives WHERE org_id = $1) AS creatives,
       (SELECT count(*)::int FROM campaigns WHERE org_id = $1 AND observance_id IS NOT NULL) AS linked`,
    [orgId],
  );
  const row = rows[0];
  if (!row) throw new Error('no figures');
  return row;
}

describe('demo data', () => {
  it('first run loads the demo organisation with campaigns, creatives, rollups and reach', async () => {
    const name = `resonance_demo_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    const url = new URL(testDatabaseUrl());
    url.pathname = `/${name}`;
    let app: NestExpressApplication | undefined;
    try {
      app = await createApp({
        config: testConfig({ RESONANCE_SEED_DEMO: 'true', DATABASE_URL: url.toString() }),
        databaseUrl: url.toString(),
      });
      // The order main.ts uses: first run before the app is initialised and listening.
      await app.get(FirstRunService).migrate();
      const result = await app.get(FirstRunService).ensureFirstOrganization();
      await app.init();
      expect(result).toMatchObject({ created: true, kind: 'demo' });
      const orgId = result.organizationId ?? '';
      // Campaigns come with the organisation; the events follow in the background.
      const early = await figures(app.get(DataSource), orgId);
      expect(early.campaigns).toBeGreaterThanOrEqual(9);
      const loaded = await app.get(DemoDataService).whenLoaded();
      expect(loaded).toMatchObject({ orgId, cancelled: false });
      expect(loaded!.eventsInserted).toBe(loaded!.eventsGenerated);
      const f = await figures(app.get(DataSource), orgId);
      expect(f.events).toBeGreaterThan(130_000);
      expect(f.events).toBeLessThan(250_000);
      expect(f.campaigns).toBeGreaterThanOrEqual(9);
      expect(f.linked).toBeGreaterThanOrEqual(7);
      expect(f.creatives).toBeGreaterThanOrEqual(60);
      expect(f.rollupImpressions).toBe(f.impressions);
      expect(f.creativeImpressions).toBe(f.impressions);
      expect(f.hourlyImpressions).toBe(f.impressions);
      expect(f.reachRows).toBeGreaterThan(0);

      // Reach is people, not impressions: members come back to see more.
      const [reach] = await app.get(DataSource).query<{ reach: number; impressions: number }[]>(
        `SELECT count(DISTINCT r.member_hash)::int AS reach,
                (SELECT sum(impressions)::int FROM rollup_daily_creative d JOIN campaigns c ON c.org_id = d.org_id AND c.id = d.campaign_id
                  WHERE d.org_id = $1 AND c.key LIKE 'mham-%') AS impressions
           FROM reach_daily r JOIN campaigns c ON c.org_id = r.org_id AND c.id = r.campaign_id
          WHERE r.org_id = $1 AND c.key LIKE 'mham-%'`,
        [orgId],
      );
      expect(reach!.reach).toBeGreaterThan(1000);
      expect(reach!.impressions).toBeGreaterThan(2 * reach!.reach);

      // The demo logins still work, and the campaigns API lists the story.
      const owner = DEMO_LOGINS[0]!;
      const agent = request.agent(app.getHttpServer());
      await agent.post('/api/v1/auth/login').send({ email: owner.email, password: owner.password }).expect(200);
      const campaigns = await agent.get('/api/v1/campaigns').expect(200);
      expect(campaigns.body.items.map((c: { key: string }) => c.key)).toEqual(
        expect.arrayContaining(['mham-2026', 'wmhd-2025']),
      );

      // "Which creative worked best for 18–24-year-olds in the last awareness month?" has an answer.
      const matrix = await agent
        .get('/api/v1/analytics/creatives?campaign=mham-2026&from=2026-05-01&to=2026-05-31&segment=preset:young-adults')
        .expect(200);
      const young = matrix.body.segments.find(
        (s: { segment: { id: string } }) => s.segment.id === 'preset:young-adults',
      );
      const leader = matrix.body.creatives.find((c: { id: string }) => c.id === young?.leaderCreativeId);
      expect(leader?.key).toBe('sams-story');
      const cell = matrix.body.cells.find(
        (c: { creativeId: string; segmentId: string }) =>
          c.creativeId === leader?.id && c.segmentId === 'preset:young-adults',
      );
      expect(cell?.verdict).toBe('leader');
    } finally {
      await app?.close();
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.end();
    }
  }, 120_000);

  describe('generateDemoData into an existing organisation', () => {
    let app: NestExpressApplication;

    beforeAll(async () => {
      app = await createTestApp();
    });

    afterAll(async () => {
      await app.close();
    });

    it('writes every generated event once, and a second run with the same seed adds nothing', async () => {
      const t = await createTenant(app);
      const demo = app.get(DemoDataService);
      const first = await demo.generateDemoData({ orgId: t.orgId, now: NOW, events: 40_000, seed: 7 });
      expect(first.eventsInserted).toBe(first.eventsGenerated);
      expect(first.eventsGenerated).toBeGreaterThan(34_000);
      const db = app.get(DataSource);
      const before = await figures(db, t.orgId);
      expect(before.events).toBe(first.eventsGenerated);
      expect(before.rollupImpressions).toBe(before.impressions);

      const second = await demo.generateDemoData({ orgId: t.orgId, now: NOW, events: 40_000, seed: 7 });
      expect(second).toMatchObject({ eventsGenerated: first.eventsGenerated, eventsInserted: 0 });
      expect(await figures(db, t.orgId)).toEqual(before);
    }, 120_000);

    it('stores the story: the last May’s best creative for 18–24 is clear in the rollups, and member ids are hashed', async () => {
      const t = await createTenant(app);
      await app.get(DemoDataService).generateDemoData({ orgId: t.orgId, now: NOW, events: 150_000, seed: 11 });
      const db = app.get(DataSource);
      const rows = await db.query<{ key: string; rate: number }[]>(
        `SELECT k.key, sum(r.likes + r.comments + r.shares + r.saves + r.clicks)::float / sum(r.impressions) AS rate
           FROM rollup_daily r
           JOIN creatives k ON k.org_id = r.org_id AND k.id = r.creative_id
           JOIN campaigns c ON c.org_id = r.org_id AND c.id = r.campaign_id
          WHERE r.org_id = $1 AND c.key = 'mham-2026' AND r.age_band = '18-24'
          GROUP BY k.key ORDER BY rate DESC`,
        [t.orgId],
      );
      expect(rows[0]?.key).toBe('sams-story');
      expect(rows[0]!.rate).toBeGreaterThan(1.2 * rows[1]!.rate);
      // Members are stored only as keyed hashes: one per member, never the member id.
      const [hashes] = await db.query<{ hashed: number; members: number }[]>(
        `SELECT count(member_hash)::int AS hashed, count(DISTINCT member_hash)::int AS members FROM events WHERE org_id = $1`,
        [t.orgId],
      );
      expect(hashes!.hashed).toBeGreaterThan(100_000);
      expect(hashes!.members).toBeGreaterThan(1000);
      expect(hashes!.members).toBeLessThanOrEqual(150_000 / 18 + 1);
    }, 120_000);
  });
});
