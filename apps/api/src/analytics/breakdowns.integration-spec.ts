import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestApp } from '../../test/test-app.js';
import { publishedFor, type Published } from '../../test/published.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';
import { event, seeder } from './analytics.test-helpers.js';

/**
 * GET /analytics/breakdowns: a page's breakdown cards in one request. Known dataset (campaign
 * "autumn", UTC, threshold 11), 2026-10-05:
 *   tiktok    18-24 female: 120 impressions + 30 likes
 *   instagram 25-34 male:    90 impressions +  9 likes
 *   instagram 13-17 female:   6 impressions (under the threshold: hidden)
 */
describe('analytics breakdowns in one request', () => {
  let app: NestExpressApplication;
  let a: Tenant;
  let b: Tenant;
  let pub: Published;
  let campaignId: string;
  const period = { campaign: 'autumn', from: '2026-10-01', to: '2026-10-31' };

  beforeAll(async () => {
    app = await createTestApp();
    [a, b] = await Promise.all([createTenant(app), createTenant(app)]);
    pub = await publishedFor(app, a.orgId);
    const seed = seeder(app, a.orgId);
    campaignId = await seed.campaign('autumn');
    const tt = await seed.creative(campaignId, 'tt', { platform: 'tiktok', format: 'short_video', name: 'Clip' });
    const ig = await seed.creative(campaignId, 'ig', { platform: 'instagram', format: 'image', name: 'Poster' });
    const at = '2026-10-05T12:00:00Z';
    const tiktok = {
      campaignId,
      creativeId: tt,
      platform: 'tiktok',
      ageBand: '18-24',
      gender: 'female',
      occurredAt: at,
    };
    const insta = { campaignId, creativeId: ig, platform: 'instagram', occurredAt: at };
    await seed.events([
      event({ ...tiktok, type: 'impression', count: 120 }),
      event({ ...tiktok, type: 'like', count: 30 }),
      event({ ...insta, ageBand: '25-34', gender: 'male', type: 'impression', count: 90 }),
      event({ ...insta, ageBand: '25-34', gender: 'male', type: 'like', count: 9 }),
      event({ ...insta, ageBand: '13-17', gender: 'female', type: 'impression', count: 6 }),
    ]);
  });

  afterAll(async () => {
    await app.close();
  });

  it('answers each dimension exactly as /breakdown does (same suppression and perturbation), in order', async () => {
    const each = ['ageBand', 'platform', 'gender'];
    const res = await a.agent
      .get('/api/v1/analytics/breakdowns')
      .query({ ...period, each: each.join(',') })
      .expect(200);
    expect(res.body.items.map((i: { by: string[] }) => i.by)).toEqual(each.map((d) => [d]));
    for (const [i, by] of each.entries()) {
      const single = await a.agent
        .get('/api/v1/analytics/breakdown')
        .query({ ...period, by })
        .expect(200);
      expect({ rows: res.body.items[i].rows, total: res.body.items[i].total }).toEqual({
        rows: single.body.rows,
        total: single.body.total,
      });
    }
    // The figures themselves: 18-24 published from 120 impressions, 13-17 (6 impressions) hidden.
    const byAge = res.body.items[0].rows as { key: { value: string }[]; current: { impressions: unknown } }[];
    const age = (band: string) => byAge.find((r) => r.key[0]?.value === band)?.current.impressions;
    expect(age('18-24')).toBe(pub.count({ impressions: 120, engagements: 30 }, 'impressions'));
    expect(age('13-17')).toEqual({ suppressed: true });
  });

  it('says which field is wrong: an unknown dimension, none, or more than six', async () => {
    const unknown = await a.agent
      .get('/api/v1/analytics/breakdowns')
      .query({ ...period, each: 'ageBand,shoeSize' })
      .expect(400);
    expect(unknown.body).toMatchObject({ code: 'unknown_dimension', details: { field: 'each' } });
    expect(unknown.body.message).toMatch(/shoeSize/);
    const tooMany = await a.agent
      .get('/api/v1/analytics/breakdowns')
      .query({ ...period, each: 'ageBand,gender,region,language,platform,format,theme' })
      .expect(400);
    expect(tooMany.body).toMatchObject({ code: 'unknown_dimension', details: { field: 'each', limit: 6 } });
    await a.agent.get('/api/v1/analytics/breakdowns').query(period).expect(400);
  });

  it('isolation: another organisation sees none of the figures and cannot name the campaign', async () => {
    const res = await b.agent
      .get('/api/v1/analytics/breakdowns')
      .query({ from: period.from, to: period.to, each: 'ageBand,platform' })
      .expect(200);
    expect(res.body.items.map((i: { rows: unknown[] }) => i.rows)).toEqual([[], []]);
    await b.agent
      .get('/api/v1/analytics/breakdowns')
      .query({ ...period, campaign: campaignId, each: 'ageBand' })
      .expect(404);
  });
});
