import type { NestExpressApplication } from '@nestjs/platform-express';
import { sampleSizeTwoProportions, twoProportionZTest, wilsonInterval } from '@resonance/analytics';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { publishedFor } from '../../test/published.js';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, twoTenants, type Tenant } from '../../test/tenancy.js';
import { withPgTransaction } from '../infra/database/pg-transaction.js';
import { writeEvents, type StoredEvent } from '../warehouse/events/event-writer.js';
import { catalogueObservanceId } from './catalogue-ids.js';

interface Occ {
  id: string;
  slug: string;
  name: string;
  region: string;
  startsOn: string;
  endsOn: string;
  year: number;
  ruleDescription: string;
  source: string;
}

/** One day's figures of a creative and age band: counts default to 0. */
interface RollupRow {
  day: string;
  campaignId: string;
  creativeId: string;
  platform: string;
  ageBand: string;
  impressions: number;
  likes?: number;
  comments?: number;
  shares?: number;
  saves?: number;
  clicks?: number;
  views?: number;
}

describe('planning', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    ({ a, b } = await twoTenants(app));
  });

  afterAll(async () => {
    await app.close();
  });

  async function creative(
    orgId: string,
    campaignId: string,
    key: string,
    fields: { platform: string; format: string; theme: string | null },
  ): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO "creatives" ("org_id", "campaign_id", "key", "name", "platform", "format", "theme")
       VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING "id"`,
      [orgId, campaignId, key, fields.platform, fields.format, fields.theme],
    );
    return rows[0]?.id ?? '';
  }

  async function campaign(orgId: string, key: string, link?: { observanceId: string; year: number }): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO "campaigns" ("org_id", "key", "name", "observance_id", "observance_year") VALUES ($1, $2, $2, $3, $4) RETURNING "id"`,
      [orgId, key, link?.observanceId ?? null, link?.year ?? null],
    );
    return rows[0]?.id ?? '';
  }

  /** Figures written the way ingest and imports write them (aggregated events through the warehouse writer). */
  async function rollups(orgId: string, rows: RollupRow[]): Promise<void> {
    const events: StoredEvent[] = [];
    rows.forEach((r, i) => {
      const counts: [string, number | undefined][] = [
        ['impression', r.impressions],
        ['like', r.likes],
        ['comment', r.comments],
        ['share', r.shares],
        ['save', r.saves],
        ['click', r.clicks],
        ['view', r.views],
      ];
      for (const [type, count] of counts) {
        if (!count) continue;
        events.push({
          eventId: `planning-${++written}-${i}-${type}`,
          occurredAt: `${r.day}T12:00:00Z`,
          campaignId: r.campaignId,
          creativeId: r.creativeId,
          platform: r.platform,
          type,
          memberHash: null,
          ageBand: r.ageBand,
          gender: 'unknown',
          region: 'unknown',
          language: 'unknown',
          count,
          importId: null,
        });
      }
    });
    await withPgTransaction(db, (client) => writeEvents(client, { orgId, timeZone: 'UTC', events }));
  }
  let written = 0;

  describe('calendar', () => {
    it('lists 2027 with World Mental Health Day on 10 October and MIAW in the first full week of October', async () => {
      const res = await a.agent.get('/api/v1/planning/observances?year=2027').expect(200);
      const items = res.body.items as Occ[];
      expect(res.body.total).toBe(items.length);
      expect(items.length).toBeGreaterThanOrEqual(25);
      expect(items.find((o) => o.slug === 'world-mental-health-day')).toMatchObject({
        id: catalogueObservanceId('world-mental-health-day'),
        name: 'World Mental Health Day',
        startsOn: '2027-10-10',
        endsOn: '2027-10-10',
        region: 'global',
        year: 2027,
        source: 'catalogue',
        ruleDescription: expect.stringContaining('10 October'),
      });
      // 1 October 2027 is a Friday: the first full Sunday–Saturday week is 3–9 October.
      expect(items.find((o) => o.slug === 'mental-illness-awareness-week')).toMatchObject({
        startsOn: '2027-10-03',
        endsOn: '2027-10-09',
        region: 'US',
        rule: { kind: 'first_full_week', month: 10, weekStartsOn: 0 },
      });
      expect(items.find((o) => o.slug === 'mental-health-awareness-month')).toMatchObject({
        startsOn: '2027-05-01',
        endsOn: '2027-05-31',
      });
      const starts = items.map((o) => o.startsOn);
      expect([...starts].sort()).toEqual(starts);
    });

    it('filters by region, keeping global observances', async () => {
      const res = await a.agent.get('/api/v1/planning/observances?year=2027&region=UK').expect(200);
      const regions = new Set((res.body.items as Occ[]).map((o) => o.region));
      expect([...regions].sort()).toEqual(['UK', 'global']);
      const slugs = (res.body.items as Occ[]).map((o) => o.slug);
      expect(slugs).toContain('time-to-talk-day');
      expect(slugs).toContain('world-mental-health-day');
      expect(slugs).not.toContain('mental-illness-awareness-week');
      const globalOnly = await a.agent.get('/api/v1/planning/observances?year=2027&region=global').expect(200);
      expect(new Set((globalOnly.body.items as Occ[]).map((o) => o.region))).toEqual(new Set(['global']));
    });

    it('refuses a bad year or region naming the parameter', async () => {
      const year = await a.agent.get('/api/v1/planning/observances?year=twenty').expect(400);
      expect(year.body.message).toMatch(/year must be/);
      const region = await a.agent.get('/api/v1/planning/observances?year=2027&region=uk').expect(400);
      expect(region.body.message).toMatch(/region must be/);
    });

    it('lists upcoming occurrences across the year end', async () => {
      const res = await a.agent.get('/api/v1/planning/observances/upcoming?from=2026-11-01&months=4').expect(200);
      expect(res.body).toMatchObject({ from: '2026-11-01', to: '2027-02-28' });
      const items = res.body.items as Occ[];
      const keys = items.map((o) => `${o.slug}@${o.startsOn}`);
      expect(keys).toContain('movember@2026-11-01');
      // Third Monday of January 2027 = 18 January; first Thursday of February 2027 = 4 February.
      expect(keys).toContain('brew-monday@2027-01-18');
      expect(keys).toContain('time-to-talk-day@2027-02-04');
      expect(keys).not.toContain('world-mental-health-day@2026-10-10');
      expect(items.every((o) => o.endsOn >= '2026-11-01' && o.startsOn <= '2027-02-28')).toBe(true);
      const starts = items.map((o) => o.startsOn);
      expect([...starts].sort()).toEqual(starts);
      // Without from: today in the organisation's time zone (UTC here), 12 months.
      const before = new Date().toISOString().slice(0, 10);
      const byDefault = await a.agent.get('/api/v1/planning/observances/upcoming').expect(200);
      expect([before, new Date().toISOString().slice(0, 10)]).toContain(byDefault.body.from);
      expect(byDefault.body.total).toBeGreaterThanOrEqual(25);
      await a.agent.get('/api/v1/planning/observances/upcoming?months=25').expect(400);
    });

    it('shows one observance with its occurrences', async () => {
      const res = await a.agent
        .get(`/api/v1/planning/observances/${catalogueObservanceId('world-suicide-prevention-day')}`)
        .expect(200);
      expect(res.body).toMatchObject({ slug: 'world-suicide-prevention-day', source: 'catalogue', campaigns: [] });
      expect(res.body.occurrences.length).toBe(4);
      for (const o of res.body.occurrences as { year: number; startsOn: string }[])
        expect(o.startsOn).toBe(`${o.year}-09-10`);
      await a.agent.get('/api/v1/planning/observances/00000000-0000-4000-8000-000000000000').expect(404);
    });
  });

  describe("an organisation's own observances", () => {
    it('creates one, lists it with the catalogue, and refuses a bad rule with every problem', async () => {
      const created = await a.agent
        .post('/api/v1/planning/observances')
        .send({
          slug: 'helpline-week',
          name: 'Helpline Week',
          region: 'UK',
          rule: { kind: 'relative', to: 'world-mental-health-day', offsetDays: -3, durationDays: 7 },
          organiser: 'Us',
          url: 'https://example.org',
        })
        .expect(201);
      expect(created.body).toMatchObject({ slug: 'helpline-week', source: 'organization', region: 'UK' });
      expect(created.body.ruleDescription).toMatch(/World Mental Health Day/);
      const list = await a.agent.get('/api/v1/planning/observances?year=2027').expect(200);
      expect((list.body.items as Occ[]).find((o) => o.slug === 'helpline-week')).toMatchObject({
        startsOn: '2027-10-07',
        endsOn: '2027-10-13',
      });

      const bad = await a.agent
        .post('/api/v1/planning/observances')
        .send({
          slug: 'bad-rule',
          name: 'Bad',
          region: 'global',
          rule: { kind: 'fixed_day', month: 2, day: 30, extra: 1 },
        })
        .expect(400);
      expect(bad.body.code).toBe('invalid_observance_rule');
      expect(bad.body.details).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/rule\.extra is not a field/),
          expect.stringMatching(/rule\.day must be an integer 1–29/),
        ]),
      );
      const unknownRef = await a.agent
        .post('/api/v1/planning/observances')
        .send({
          slug: 'dangling',
          name: 'Dangling',
          region: 'global',
          rule: { kind: 'relative', to: 'no-such-day', offsetDays: 1, durationDays: 1 },
        })
        .expect(400);
      expect(unknownRef.body.message).toMatch(/unknown observance "no-such-day"/);
      const clash = await a.agent
        .post('/api/v1/planning/observances')
        .send({
          slug: 'world-mental-health-day',
          name: 'Mine',
          region: 'global',
          rule: { kind: 'fixed_day', month: 10, day: 10 },
        })
        .expect(409);
      expect(clash.body.code).toBe('observance_slug_taken');
    });

    it('is for owners and managers to create; viewers and read keys read', async () => {
      const viewer = await a.addMember('viewer');
      await viewer.agent
        .post('/api/v1/planning/observances')
        .send({ slug: 'v-day', name: 'V', region: 'global', rule: { kind: 'fixed_day', month: 1, day: 1 } })
        .expect(403);
      await viewer.agent.get('/api/v1/planning/observances?year=2027').expect(200);
      const key = await a.apiKey(['read']);
      await request(app.getHttpServer())
        .get('/api/v1/planning/sample-size?baselineRate=0.02&minRelativeLift=0.1')
        .set('Authorization', `Bearer ${key.key}`)
        .expect(200);
    });

    it("keeps one organisation's observances and links away from another", async () => {
      const mine = await b.agent
        .post('/api/v1/planning/observances')
        .send({ slug: 'b-only-day', name: 'B only', region: 'global', rule: { kind: 'fixed_day', month: 6, day: 1 } })
        .expect(201);
      const aList = await a.agent.get('/api/v1/planning/observances?year=2027').expect(200);
      expect((aList.body.items as Occ[]).map((o) => o.slug)).not.toContain('b-only-day');
      await a.agent.get(`/api/v1/planning/observances/${mine.body.id}`).expect(404);
      await a.agent.delete(`/api/v1/planning/observances/${mine.body.id}`).expect(404);
      await a.agent
        .post(`/api/v1/planning/observances/${mine.body.id}/plan`)
        .send({ year: 2027, name: 'x' })
        .expect(404);
      // Same slug in another organisation is fine.
      await a.agent
        .post('/api/v1/planning/observances')
        .send({ slug: 'b-only-day', name: 'A too', region: 'global', rule: { kind: 'fixed_day', month: 6, day: 2 } })
        .expect(201);
      const bCampaign = await campaign(b.orgId, 'b-campaign');
      await a.agent
        .put(`/api/v1/planning/observances/world-mental-health-day/campaigns/${bCampaign}`)
        .send({})
        .expect(404);
      await b.agent.delete(`/api/v1/planning/observances/${mine.body.id}`).expect(204);
    });
  });

  describe('campaign links', () => {
    it('plans a campaign linked to the observance with its window, 409 on a duplicate key', async () => {
      const id = catalogueObservanceId('mental-illness-awareness-week');
      const res = await a.agent
        .post(`/api/v1/planning/observances/${id}/plan`)
        .send({ year: 2027, name: 'MIAW 2027' })
        .expect(201);
      expect(res.body).toMatchObject({
        key: 'mental-illness-awareness-week-2027',
        name: 'MIAW 2027',
        startsOn: '2027-10-03',
        endsOn: '2027-10-09',
        observanceId: id,
        observanceYear: 2027,
      });
      const dup = await a.agent
        .post(`/api/v1/planning/observances/${id}/plan`)
        .send({ year: 2027, name: 'Again' })
        .expect(409);
      expect(dup.body.code).toBe('campaign_key_taken');
      const detail = await a.agent.get(`/api/v1/planning/observances/${id}`).expect(200);
      expect(detail.body.campaigns.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
    });

    it('links an existing campaign, filling an empty window, and unlinks it', async () => {
      const id = await campaign(a.orgId, 'wmhd-link');
      const res = await a.agent
        .put(`/api/v1/planning/observances/world-mental-health-day/campaigns/${id}`)
        .send({ year: 2026 })
        .expect(200);
      expect(res.body).toMatchObject({ startsOn: '2026-10-10', endsOn: '2026-10-10', observanceYear: 2026 });
      await db.query(`UPDATE "campaigns" SET "starts_on" = '2028-10-01', "ends_on" = '2028-10-20' WHERE "id" = $1`, [
        id,
      ]);
      const relinked = await a.agent
        .put(`/api/v1/planning/observances/world-mental-health-day/campaigns/${id}`)
        .send({})
        .expect(200);
      // A window that is set is kept; the year is the occurrence nearest it.
      expect(relinked.body).toMatchObject({ startsOn: '2028-10-01', endsOn: '2028-10-20', observanceYear: 2028 });
      const unlinked = await a.agent
        .delete(`/api/v1/planning/observances/world-mental-health-day/campaigns/${id}`)
        .expect(200);
      expect(unlinked.body).toMatchObject({ observanceId: null, observanceYear: null });
    });

    it('will not delete an observance that campaigns use', async () => {
      const created = await a.agent
        .post('/api/v1/planning/observances')
        .send({ slug: 'in-use-day', name: 'In use', region: 'global', rule: { kind: 'whole_month', month: 3 } })
        .expect(201);
      await a.agent
        .post(`/api/v1/planning/observances/${created.body.id}/plan`)
        .send({ year: 2027, name: 'In use 2027' })
        .expect(201);
      const refused = await a.agent.delete(`/api/v1/planning/observances/${created.body.id}`).expect(409);
      expect(refused.body).toMatchObject({ code: 'observance_in_use', details: { campaigns: ['in-use-day-2027'] } });
      const catalogue = await a.agent
        .delete(`/api/v1/planning/observances/${catalogueObservanceId('movember')}`)
        .expect(409);
      expect(catalogue.body.message).toMatch(/catalogue/);
    });
  });

  describe('year over year', () => {
    it('measures each year on its own observance window, per segment, with intervals and a test', async () => {
      const t = await createTenant(app);
      const miaw = catalogueObservanceId('mental-illness-awareness-week');
      // MIAW: 5–11 October 2025, 4–10 October 2026 (first full Sunday–Saturday weeks).
      const c25 = await campaign(t.orgId, 'miaw-2025', { observanceId: miaw, year: 2025 });
      const c26 = await campaign(t.orgId, 'miaw-2026', { observanceId: miaw, year: 2026 });
      const other = await campaign(t.orgId, 'not-linked');
      const k25 = await creative(t.orgId, c25, 'v', { platform: 'instagram', format: 'short_video', theme: 'stigma' });
      const k26 = await creative(t.orgId, c26, 'v', { platform: 'instagram', format: 'short_video', theme: 'stigma' });
      const ko = await creative(t.orgId, other, 'v', { platform: 'instagram', format: 'image', theme: null });
      await rollups(t.orgId, [
        {
          day: '2025-10-05',
          campaignId: c25,
          creativeId: k25,
          platform: 'instagram',
          ageBand: '18-24',
          impressions: 1000,
          likes: 30,
          comments: 5,
          shares: 5,
          saves: 5,
          clicks: 5,
          views: 400,
        },
        {
          day: '2025-10-11',
          campaignId: c25,
          creativeId: k25,
          platform: 'instagram',
          ageBand: '25-34',
          impressions: 2000,
          likes: 40,
        },
        {
          day: '2025-10-12',
          campaignId: c25,
          creativeId: k25,
          platform: 'instagram',
          ageBand: '18-24',
          impressions: 5000,
          likes: 500,
        },
        {
          day: '2026-10-04',
          campaignId: c26,
          creativeId: k26,
          platform: 'instagram',
          ageBand: '18-24',
          impressions: 1200,
          likes: 60,
          clicks: 12,
        },
        {
          day: '2026-10-10',
          campaignId: c26,
          creativeId: k26,
          platform: 'instagram',
          ageBand: '25-34',
          impressions: 2000,
          likes: 30,
          comments: 10,
        },
        {
          day: '2026-10-11',
          campaignId: c26,
          creativeId: k26,
          platform: 'instagram',
          ageBand: '18-24',
          impressions: 9999,
          likes: 999,
        },
        {
          day: '2026-10-05',
          campaignId: other,
          creativeId: ko,
          platform: 'instagram',
          ageBand: '18-24',
          impressions: 7777,
          likes: 777,
        },
      ]);
      const res = await t.agent
        .get('/api/v1/planning/yoy?observance=mental-illness-awareness-week&segment=all,age-18-24,age-25-34')
        .expect(200);
      expect(res.body.metricDefinition).toMatch(/likes \+ comments \+ shares \+ saves \+ clicks/);
      // Read through the warehouse reader, which answers from the analytics cube (one campaign, by age band).
      expect(res.body.source).toBe('cube_daily');
      const years = res.body.years as {
        year: number;
        windowStartsOn: string;
        windowEndsOn: string;
        campaigns: { key: string }[];
        rows: {
          segment: string;
          impressions: number;
          engagements: number;
          engagementRate: { estimate: number; lower: number; upper: number };
          vsPrevious: null | { previousYear: number; absoluteChange: number; relativeChange: number; pValue: number };
        }[];
      }[];
      expect(years.map((y) => [y.year, y.windowStartsOn, y.windowEndsOn, y.campaigns.map((c) => c.key)])).toEqual([
        [2025, '2025-10-05', '2025-10-11', ['miaw-2025']],
        [2026, '2026-10-04', '2026-10-10', ['miaw-2026']],
      ]);
      const row = (year: number, segment: string) =>
        years.find((y) => y.year === year)?.rows.find((r) => r.segment === segment);
      // Planning figures are published like analytics ones (cell-key perturbation, ±5, keyed by each cell's
      // full counts): `pub` recomputes them from the hand-computed counts, and rates come from published counts.
      const pub = await publishedFor(app, t.orgId);
      const both = (v: { impressions: number; engagements: number; clicks?: number; shares?: number }) =>
        [pub.count(v, 'impressions') as number, pub.count(v, 'engagements') as number] as const;
      // 2025: 18–24 = 1000 impressions, 30+5+5+5+5 = 50 engagements; 25–34 = 2000, 40. Everyone 3000, 90.
      const [n25, x25] = both({ impressions: 3000, engagements: 90, clicks: 5, shares: 5 });
      const [n25y, x25y] = both({ impressions: 1000, engagements: 50, clicks: 5, shares: 5 });
      expect(row(2025, 'all')).toMatchObject({ impressions: n25, engagements: x25, vsPrevious: null });
      expect(row(2025, 'age-18-24')).toMatchObject({ impressions: n25y, engagements: x25y });
      expect(row(2025, 'all')?.engagementRate.estimate).toBeCloseTo(x25 / n25, 12);
      expect(row(2025, 'age-18-24')?.engagementRate.estimate).toBeCloseTo(x25y / n25y, 12);
      const w = wilsonInterval(x25, n25);
      expect(row(2025, 'all')?.engagementRate).toMatchObject({ lower: w.lower, upper: w.upper });
      // Wilson 95% for 90/3000 by hand: centre 0.030412, half-width 0.006170 (the published counts are within ±5).
      expect(row(2025, 'all')?.engagementRate.lower).toBeCloseTo(0.02445, 2);
      expect(row(2025, 'all')?.engagementRate.upper).toBeCloseTo(0.03678, 2);
      // 2026: 18–24 = 1200, 72; 25–34 = 2000, 40; everyone 3200, 112 (rate 0.035).
      const [n26, x26] = both({ impressions: 3200, engagements: 112, clicks: 12 });
      expect(row(2026, 'all')).toMatchObject({ impressions: n26, engagements: x26 });
      const [n26o, x26o] = both({ impressions: 2000, engagements: 40 });
      expect(row(2026, 'age-25-34')).toMatchObject({ impressions: n26o, engagements: x26o });
      const d = row(2026, 'all')?.vsPrevious;
      expect(d?.previousYear).toBe(2025);
      expect(d?.absoluteChange).toBeCloseTo(x26 / n26 - x25 / n25, 12);
      expect(d?.relativeChange).toBeCloseTo((x26 / n26 - x25 / n25) / (x25 / n25), 12);
      // Pooled z on the true counts = 0.005 / sqrt(0.0325806·0.9674194·(1/3200 + 1/3000)) = 1.1082 → p ≈ 0.2678.
      expect(d?.pValue).toBeCloseTo(twoProportionZTest(x26, n26, x25, n25).pValue, 12);
      // ±5 on 90 and 112 engagements moves p (0.2678 on the true counts) noticeably; the conclusion holds.
      expect(d?.pValue).toBeGreaterThan(0.05);
      // 25–34 has the same counts both years (2000, 40): the same cell key, the same published figures.
      expect(row(2026, 'age-25-34')?.vsPrevious?.absoluteChange).toBeCloseTo(0, 12);

      // Widening by a day each side takes in 2025-10-12 and 2026-10-11 (but never the unlinked campaign).
      const wide = await t.agent
        .get('/api/v1/planning/yoy?observance=mental-illness-awareness-week&segment=all&leadDays=1&lagDays=1')
        .expect(200);
      expect(
        wide.body.years.map((y: { year: number; rows: { impressions: number }[] }) => [y.year, y.rows[0]?.impressions]),
      ).toEqual([
        [2025, pub.count({ impressions: 8000, engagements: 590, clicks: 5, shares: 5 }, 'impressions')],
        [2026, pub.count({ impressions: 13199, engagements: 1111, clicks: 12 }, 'impressions')],
      ]);
      const badSegment = await t.agent
        .get('/api/v1/planning/yoy?observance=mental-illness-awareness-week&segment=teens')
        .expect(400);
      expect(badSegment.body.message).toMatch(/segment must be a comma-separated list/);
      await t.agent.get('/api/v1/planning/yoy?observance=no-such-observance').expect(404);
    });
  });

  describe('recommendations', () => {
    it('does not rank an option whose engagements are hidden, so a rank never hints at a hidden rate', async () => {
      const t = await createTenant(app);
      const wmhd = catalogueObservanceId('world-mental-health-day');
      const linked = await campaign(t.orgId, 'wmhd-2025', { observanceId: wmhd, year: 2025 });
      const v1 = await creative(t.orgId, linked, 'v1', { platform: 'tiktok', format: 'short_video', theme: 'hope' });
      const v2 = await creative(t.orgId, linked, 'v2', { platform: 'tiktok', format: 'short_video', theme: 'hope' });
      // 1,200 impressions from 2 creatives would qualify, but 8 engagements are under the threshold of 11.
      await rollups(t.orgId, [
        {
          day: '2025-10-10',
          campaignId: linked,
          creativeId: v1,
          platform: 'tiktok',
          ageBand: '18-24',
          impressions: 600,
          likes: 5,
        },
        {
          day: '2025-10-10',
          campaignId: linked,
          creativeId: v2,
          platform: 'tiktok',
          ageBand: '18-24',
          impressions: 600,
          likes: 3,
        },
      ]);
      const res = await t.agent
        .get('/api/v1/planning/recommendations?observance=world-mental-health-day&segment=age-18-24')
        .expect(200);
      const format = (
        res.body.segments[0].dimensions as {
          dimension: string;
          options: { value: string; rank: number | null; status: string; engagementRate: unknown }[];
        }[]
      ).find((d) => d.dimension === 'format')?.options[0];
      expect(format).toMatchObject({
        value: 'short_video',
        rank: null,
        status: 'not_enough_history',
        engagementRate: { suppressed: true },
      });
    });

    it('ranks formats, platforms and themes per segment, says which history it used, and says when there is not enough', async () => {
      const t = await createTenant(app);
      const wmhd = catalogueObservanceId('world-mental-health-day');
      const linked = await campaign(t.orgId, 'wmhd-2025', { observanceId: wmhd, year: 2025 });
      const other = await campaign(t.orgId, 'spring');
      const v1 = await creative(t.orgId, linked, 'v1', { platform: 'tiktok', format: 'short_video', theme: 'hope' });
      const v2 = await creative(t.orgId, linked, 'v2', { platform: 'tiktok', format: 'short_video', theme: 'hope' });
      const i1 = await creative(t.orgId, linked, 'i1', { platform: 'instagram', format: 'image', theme: 'stigma' });
      const a1 = await creative(t.orgId, other, 'a1', { platform: 'facebook', format: 'article', theme: null });
      const a2 = await creative(t.orgId, other, 'a2', { platform: 'facebook', format: 'article', theme: null });
      const l1 = await creative(t.orgId, linked, 'l1', { platform: 'facebook', format: 'image', theme: 'hope' });
      const l2 = await creative(t.orgId, linked, 'l2', { platform: 'facebook', format: 'carousel', theme: 'stigma' });
      await rollups(t.orgId, [
        {
          day: '2025-10-10',
          campaignId: linked,
          creativeId: v1,
          platform: 'tiktok',
          ageBand: '18-24',
          impressions: 600,
          likes: 60,
        },
        {
          day: '2025-10-10',
          campaignId: linked,
          creativeId: v2,
          platform: 'tiktok',
          ageBand: '18-24',
          impressions: 600,
          likes: 48,
        },
        {
          day: '2025-10-10',
          campaignId: linked,
          creativeId: i1,
          platform: 'instagram',
          ageBand: '18-24',
          impressions: 500,
          likes: 10,
        },
        {
          day: '2025-04-01',
          campaignId: other,
          creativeId: a1,
          platform: 'facebook',
          ageBand: '45-54',
          impressions: 800,
          likes: 16,
        },
        {
          day: '2025-04-01',
          campaignId: other,
          creativeId: a2,
          platform: 'facebook',
          ageBand: '45-54',
          impressions: 700,
          shares: 21,
        },
        {
          day: '2025-10-10',
          campaignId: linked,
          creativeId: l1,
          platform: 'facebook',
          ageBand: '25-34',
          impressions: 600,
          likes: 30,
        },
        {
          day: '2025-10-10',
          campaignId: linked,
          creativeId: l2,
          platform: 'facebook',
          ageBand: '25-34',
          impressions: 600,
          likes: 24,
        },
        {
          day: '2025-04-01',
          campaignId: other,
          creativeId: a1,
          platform: 'facebook',
          ageBand: '25-34',
          impressions: 700,
          likes: 35,
        },
        {
          day: '2025-04-01',
          campaignId: other,
          creativeId: a2,
          platform: 'facebook',
          ageBand: '25-34',
          impressions: 700,
          likes: 14,
        },
      ]);
      const res = await t.agent
        .get(
          '/api/v1/planning/recommendations?observance=world-mental-health-day&segment=age-18-24,age-45-54,age-13-17,age-25-34',
        )
        .expect(200);
      expect(res.body).toMatchObject({ minImpressions: 1000, minCreatives: 2, source: 'cube_daily' });
      type Option = {
        value: string;
        rank: number | null;
        status: string;
        creatives: number;
        impressions: unknown;
        engagements: unknown;
        engagementRate: unknown;
      };
      type Seg = {
        segment: { id: string };
        basis: string;
        status: string;
        explanation: string;
        dimensions: { dimension: string; basis: string; options: Option[] }[];
      };
      const seg = (id: string) => (res.body.segments as Seg[]).find((s) => s.segment.id === id);
      const options = (id: string, dim: string) => seg(id)?.dimensions.find((d) => d.dimension === dim)?.options ?? [];

      // 18–24: the linked campaign alone qualifies (short video: 1200 impressions from 2 creatives).
      expect(seg('age-18-24')).toMatchObject({ basis: 'observance', status: 'ok' });
      expect(seg('age-18-24')?.dimensions.every((d) => d.basis === 'observance')).toBe(true);
      const formats = options('age-18-24', 'format');
      expect(formats.map((o) => [o.value, o.rank, o.status, o.creatives])).toEqual([
        ['short_video', 1, 'ranked', 2],
        ['image', null, 'not_enough_history', 1],
      ]);
      const pub = await publishedFor(app, t.orgId);
      const video = { impressions: 1200, engagements: 108 };
      const [n, x] = [pub.count(video, 'impressions') as number, pub.count(video, 'engagements') as number];
      const w = wilsonInterval(x, n);
      expect(formats[0]).toMatchObject({
        impressions: n,
        engagements: x,
        engagementRate: { estimate: x / n, lower: w.lower, upper: w.upper },
      });
      // 10 engagements is under the threshold of 11: hidden, and the rate with it.
      expect(formats[1]).toMatchObject({
        impressions: pub.count({ impressions: 500, engagements: 10 }, 'impressions'),
        engagements: { suppressed: true },
        engagementRate: { suppressed: true },
      });
      expect(options('age-18-24', 'platform').map((o) => [o.value, o.rank])).toEqual([
        ['tiktok', 1],
        ['instagram', null],
      ]);
      expect(options('age-18-24', 'theme').map((o) => [o.value, o.rank])).toEqual([
        ['hope', 1],
        ['stigma', null],
      ]);

      // 45–54: nothing linked, so all campaigns: article 1500 impressions, 16 + 21 = 37 engagements.
      expect(seg('age-45-54')).toMatchObject({ basis: 'all_campaigns', status: 'ok' });
      expect(seg('age-45-54')?.explanation).toMatch(/too little history/);
      expect(options('age-45-54', 'format')[0]).toMatchObject({
        value: 'article',
        rank: 1,
        impressions: pub.count({ impressions: 1500, engagements: 37, shares: 21 }, 'impressions'),
        engagements: pub.count({ impressions: 1500, engagements: 37, shares: 21 }, 'engagements'),
      });
      expect(options('age-45-54', 'theme')[0]).toMatchObject({ value: '(none)', rank: 1 });

      // 25–34: the linked campaign ranks platforms only (facebook: 1200 impressions from 2 creatives, 30 + 24 = 54
      // engagements); formats and themes fall back to all campaigns, where article / no theme have 1400 from 2.
      expect(seg('age-25-34')).toMatchObject({ basis: 'mixed', status: 'ok' });
      expect(seg('age-25-34')?.explanation).toMatch(/for platforms; .* too little history for formats and themes/);
      expect(seg('age-25-34')?.dimensions.map((d) => [d.dimension, d.basis])).toEqual([
        ['format', 'all_campaigns'],
        ['platform', 'observance'],
        ['theme', 'all_campaigns'],
      ]);
      expect(options('age-25-34', 'platform')).toEqual([
        expect.objectContaining({
          value: 'facebook',
          rank: 1,
          impressions: pub.count({ impressions: 1200, engagements: 54 }, 'impressions'),
          engagements: pub.count({ impressions: 1200, engagements: 54 }, 'engagements'),
          creatives: 2,
        }),
      ]);
      const formats2534 = options('age-25-34', 'format').map((o) => [o.value, o.rank, o.impressions]);
      expect(formats2534[0]).toEqual(['article', 1, pub.count({ impressions: 1400, engagements: 49 }, 'impressions')]);
      // Unranked options follow by the lower bound of their (published) rate: 30/600 and 24/600 are close enough
      // for ±5 to order them either way.
      expect(formats2534.slice(1)).toEqual(
        expect.arrayContaining([
          ['image', null, pub.count({ impressions: 600, engagements: 30 }, 'impressions')],
          ['carousel', null, pub.count({ impressions: 600, engagements: 24 }, 'impressions')],
        ]),
      );
      expect(formats2534).toHaveLength(3);

      // 13–17: no history at all.
      expect(seg('age-13-17')).toMatchObject({ basis: 'all_campaigns', status: 'not_enough_history' });
      expect(seg('age-13-17')?.explanation).toMatch(/Not enough history/);
      expect(seg('age-13-17')?.dimensions.every((d) => d.options.length === 0)).toBe(true);
    });
  });

  describe('sample size', () => {
    it('matches the R power.prop.test worked example (p1 = .50, p2 = .75, power = .90 → n = 76.7)', async () => {
      const res = await a.agent
        .get('/api/v1/planning/sample-size?baselineRate=0.5&minRelativeLift=0.5&alpha=0.05&power=0.9')
        .expect(200);
      expect(res.body).toMatchObject({
        mode: 'sample_size',
        impressionsPerArm: 77,
        totalImpressions: 154,
        arms: 2,
        targetRate: 0.75,
      });
      expect(res.body.formula).toMatch(/z_\{1−α\/2\}/);
    });

    it('plans a campaign-sized test and inverts it (round trip)', async () => {
      const res = await a.agent.get('/api/v1/planning/sample-size?baselineRate=0.02&minRelativeLift=0.25').expect(200);
      // 0.02 vs 0.025 at 80% power, α = 0.05: 13808.9 → 13809 per creative per segment.
      expect(res.body).toMatchObject({ impressionsPerArm: 13809, totalImpressions: 27618, alpha: 0.05, power: 0.8 });
      const inverse = await a.agent
        .get('/api/v1/planning/sample-size?baselineRate=0.02&impressionsPerArm=13809')
        .expect(200);
      expect(inverse.body.mode).toBe('minimum_detectable_lift');
      expect(inverse.body.minRelativeLift).toBeLessThanOrEqual(0.25);
      expect(inverse.body.minRelativeLift).toBeGreaterThan(0.249);
      expect(
        sampleSizeTwoProportions({ baselineRate: 0.02, minRelativeLift: inverse.body.minRelativeLift }).perArm,
      ).toBe(13809);
      const three = await a.agent
        .get('/api/v1/planning/sample-size?baselineRate=0.02&minRelativeLift=0.25&arms=3')
        .expect(200);
      expect(three.body).toMatchObject({
        impressionsPerArm: 16723,
        totalImpressions: 50169,
        alphaPerComparison: 0.025,
      });
    });

    it.each([
      ['baselineRate=0&minRelativeLift=0.1', /baselineRate must be a fraction strictly between 0 and 1/],
      ['baselineRate=abc&minRelativeLift=0.1', /baselineRate must be a number strictly between 0 and 1/],
      ['baselineRate=0.5&minRelativeLift=1.5', /minRelativeLift must be greater than 0 and less than 1/],
      ['baselineRate=0.02&minRelativeLift=0.1&power=1', /power must be a fraction strictly between 0 and 1/],
      ['baselineRate=0.02&minRelativeLift=0.1&arms=1', /arms must be an integer from 2 to 20/],
      ['baselineRate=0.02', /send exactly one/],
      ['baselineRate=0.02&impressionsPerArm=0.5', /impressionsPerArm must be a whole number from 1/],
    ])('refuses %s naming the parameter and range', async (query, message) => {
      const res = await a.agent.get(`/api/v1/planning/sample-size?${query}`).expect(400);
      expect(res.body.message).toMatch(message);
    });
  });
});
