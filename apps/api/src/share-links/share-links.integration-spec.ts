import { createHash } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../test/test-app.js';
import { publishedFor, type Published } from '../../test/published.js';
import { createTenant, testIp, type Tenant } from '../../test/tenancy.js';
import { event, seeder } from '../analytics/analytics.test-helpers.js';

/**
 * Org A, March 2026 (UTC): campaign "spring" 500 tiktok impressions + 300 instagram impressions,
 * campaign "other" 900 tiktok impressions, campaign "tiny" 5 impressions (under the threshold).
 * Org B: 4,000 impressions in its own campaign. A view of spring × tiktok must show the 500 only.
 */
describe('share links', () => {
  let app: NestExpressApplication;
  let a: Tenant;
  let b: Tenant;
  let spring: string;
  let tiny: string;
  let springView: string;

  const march = { period: 'custom', from: '2026-03-01', to: '2026-03-31' };
  const server = () => request(app.getHttpServer());
  const shared = (accessToken: string, path: string) =>
    server().get(`/api/v1/shared/${path}`).set('Authorization', `Share ${accessToken}`);

  async function saveView(tenant: Tenant, name: string, filters: Record<string, unknown>): Promise<string> {
    const res = await tenant.agent.post('/api/v1/saved-views').send({
      name,
      page: 'report',
      filters: { campaignId: null, platform: null, segmentId: null, compare: 'none', ...march, ...filters },
    });
    if (res.status !== 201) throw new Error(`saving a view failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  }

  async function share(
    tenant: Tenant,
    savedViewId: string,
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; token: string }> {
    const res = await tenant.agent.post('/api/v1/share-links').send({ savedViewId, expiresInDays: 7, ...extra });
    if (res.status !== 201) throw new Error(`sharing failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id as string, token: res.body.token as string };
  }

  async function open(token: string, password?: string, ip = testIp()) {
    return server().post('/api/v1/shared/open').set('X-Forwarded-For', ip).send({ token, password });
  }

  let pub: Published;
  /** Spring × TikTok: 500 impressions and 40 likes, as published (cell-key perturbation). */
  const springTiktokImpressions = () => pub.count({ impressions: 500, engagements: 40 }, 'impressions');

  beforeAll(async () => {
    app = await createTestApp();
    [a, b] = await Promise.all([createTenant(app), createTenant(app)]);
    const seedA = seeder(app, a.orgId);
    spring = await seedA.campaign('spring');
    const other = await seedA.campaign('other');
    tiny = await seedA.campaign('tiny');
    const k1 = await seedA.creative(spring, 'k1', { platform: 'tiktok' });
    const k2 = await seedA.creative(spring, 'k2', { platform: 'instagram' });
    const k3 = await seedA.creative(other, 'k3', { platform: 'tiktok' });
    const k4 = await seedA.creative(tiny, 'k4', { platform: 'tiktok' });
    await seedA.events([
      event({
        campaignId: spring,
        creativeId: k1,
        platform: 'tiktok',
        type: 'impression',
        count: 500,
        occurredAt: '2026-03-10T10:00:00Z',
      }),
      event({
        campaignId: spring,
        creativeId: k1,
        platform: 'tiktok',
        type: 'like',
        count: 40,
        occurredAt: '2026-03-10T10:00:00Z',
      }),
      event({
        campaignId: spring,
        creativeId: k2,
        platform: 'instagram',
        type: 'impression',
        count: 300,
        occurredAt: '2026-03-11T10:00:00Z',
      }),
      event({
        campaignId: other,
        creativeId: k3,
        platform: 'tiktok',
        type: 'impression',
        count: 900,
        occurredAt: '2026-03-12T10:00:00Z',
      }),
      event({
        campaignId: tiny,
        creativeId: k4,
        platform: 'tiktok',
        type: 'impression',
        count: 5,
        occurredAt: '2026-03-12T10:00:00Z',
      }),
    ]);
    const seedB = seeder(app, b.orgId);
    const autumn = await seedB.campaign('autumn');
    const kb = await seedB.creative(autumn, 'kb', { platform: 'tiktok' });
    await seedB.events([
      event({
        campaignId: autumn,
        creativeId: kb,
        platform: 'tiktok',
        type: 'impression',
        count: 4000,
        occurredAt: '2026-03-12T10:00:00Z',
      }),
    ]);
    springView = await saveView(a, 'Spring on TikTok', { campaignId: spring, platform: 'tiktok' });
    pub = await publishedFor(app, a.orgId);
  });

  afterAll(async () => {
    await app.close();
  });

  it('lets only owners and managers share; the token is shown once and stored as a hash', async () => {
    const analyst = await a.addMember('analyst');
    const viewer = await a.addMember('viewer');
    const manager = await a.addMember('manager');
    for (const member of [analyst, viewer]) {
      const refused = await member.agent
        .post('/api/v1/share-links')
        .send({ savedViewId: springView, expiresInDays: 7 });
      expect(refused.status).toBe(403);
    }
    const created = await manager.agent.post('/api/v1/share-links').send({ savedViewId: springView, expiresInDays: 7 });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^rsv_[A-Za-z0-9_-]{43}$/);
    expect(created.body.path).toBe(`/shared/${created.body.token}`);
    expect(created.body).toMatchObject({ savedViewName: 'Spring on TikTok', status: 'active', openCount: 0 });
    const days = (Date.parse(created.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const [row] = await app
      .get(DataSource)
      .query(`SELECT token_hash FROM share_links WHERE org_id = $1 AND id = $2`, [a.orgId, created.body.id]);
    expect(row.token_hash).toBe(createHash('sha256').update(created.body.token).digest('hex'));
    const listed = await a.agent.get('/api/v1/share-links');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect(listed.body.items.map((l: { id: string }) => l.id)).toContain(created.body.id);
  });

  it('opens without an account and shows exactly the view: its campaign, platform and period, suppressed as everywhere', async () => {
    const link = await share(a, springView);
    const opened = await open(link.token);
    expect(opened.status).toBe(200);
    expect(opened.body.view).toMatchObject({
      name: 'Spring on TikTok',
      page: 'report',
      period: { from: '2026-03-01', to: '2026-03-31' },
      comparison: null,
      campaign: { id: spring, name: 'Campaign spring' },
      platform: 'tiktok',
      segment: null,
    });
    const token = opened.body.accessToken as string;

    const summary = await shared(token, 'summary');
    expect(summary.status).toBe(200);
    // The same figures a signed-in user gets for the same filters (same services, same suppression).
    const signedIn = await a.agent
      .get('/api/v1/analytics/summary')
      .query({ from: '2026-03-01', to: '2026-03-31', campaign: spring, platform: 'tiktok' });
    expect(summary.body.current).toEqual(signedIn.body.current);
    expect(summary.body.current.impressions).toBe(springTiktokImpressions());

    const series = await shared(token, 'timeseries');
    expect(series.status).toBe(200);
    expect(series.body.granularity).toBe('day');
    expect(series.body.current).toHaveLength(31);
    const march10 = series.body.current.find((p: { bucket: string }) => p.bucket === '2026-03-10');
    expect(march10.metrics.impressions).toBe(springTiktokImpressions());

    const byPlatform = await shared(token, 'breakdown').query({ by: 'platform' });
    expect(byPlatform.status).toBe(200);
    expect(byPlatform.body.rows.map((r: { key: { value: string }[] }) => r.key[0]?.value)).toEqual(['tiktok']);

    const segments = await shared(token, 'segments');
    expect(segments.status).toBe(200);
    expect(segments.body.rows.length).toBeGreaterThan(0);

    const tinyView = await saveView(a, 'Tiny', { campaignId: tiny });
    const tinyOpened = await open((await share(a, tinyView)).token);
    const tinySummary = await shared(tinyOpened.body.accessToken, 'summary');
    expect(tinySummary.body.current.impressions).toEqual({ suppressed: true });
  });

  it('cannot change the view’s filters or reach any other route', async () => {
    const opened = await open((await share(a, springView)).token);
    const token = opened.body.accessToken as string;
    for (const query of [{ campaign: 'other' }, { from: '2020-01-01' }, { platform: 'instagram' }, { segment: 'x' }]) {
      const res = await shared(token, 'summary').query(query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await shared(token, 'breakdown').query({ by: 'creative' })).status).toBe(400);

    const elsewhere = [
      '/api/v1/analytics/summary?from=2026-03-01&to=2026-03-31',
      '/api/v1/analytics/segments?from=2026-03-01&to=2026-03-31',
      '/api/v1/campaigns',
      '/api/v1/segments',
      '/api/v1/saved-views',
      '/api/v1/share-links',
      '/api/v1/audit',
      '/api/v1/auth/me',
      '/api/v1/exports/segments.xlsx?from=2026-03-01&to=2026-03-31',
    ];
    for (const path of elsewhere) {
      const res = await server().get(path).set('Authorization', `Share ${token}`);
      expect({ path, status: res.status, code: res.body.code }).toEqual({
        path,
        status: 403,
        code: 'share_link_not_allowed',
      });
    }
    const write = await server()
      .post('/api/v1/saved-views')
      .set('Authorization', `Share ${token}`)
      .send({ name: 'sneaky', page: 'overview', filters: { period: 'last7', compare: 'none' } });
    expect(write.status).toBe(403);
  });

  it('never shows another organisation’s data, and other organisations cannot see or revoke the link', async () => {
    const link = await share(a, springView);
    const opened = await open(link.token);
    const summary = await shared(opened.body.accessToken, 'summary');
    expect(summary.body.current.impressions).toBe(springTiktokImpressions());
    expect((await b.agent.get('/api/v1/share-links')).body).toEqual({ items: [], total: 0 });
    expect((await b.agent.delete(`/api/v1/share-links/${link.id}`)).status).toBe(404);
    expect((await b.agent.post('/api/v1/share-links').send({ savedViewId: springView, expiresInDays: 7 })).status).toBe(
      404,
    );
    // A made-up or mangled token opens nothing.
    expect((await open(`${link.token.slice(0, -2)}xx`)).status).toBe(404);
    expect((await shared('not-a-real-access-token', 'summary')).status).toBe(401);
    expect((await shared(link.token, 'summary')).status).toBe(401);
  });

  it('counts every opening and writes it to the audit log', async () => {
    const link = await share(a, springView);
    const ip = testIp();
    await open(link.token, undefined, ip);
    await open(link.token, undefined, ip);
    const listed = await a.agent.get('/api/v1/share-links');
    const mine = listed.body.items.find((l: { id: string }) => l.id === link.id);
    expect(mine).toMatchObject({ openCount: 2 });
    expect(mine.lastOpenedAt).not.toBeNull();

    const audit = await a.agent.get('/api/v1/audit').query({ limit: 100 });
    const openings = audit.body.items.filter(
      (e: { action: string; target: { id: string } | null }) =>
        e.action === 'share_link.opened' && e.target?.id === link.id,
    );
    expect(openings).toHaveLength(2);
    expect(openings[0]).toMatchObject({
      ip,
      actor: { userId: null, apiKeyId: null },
      details: { savedViewId: springView, savedViewName: 'Spring on TikTok' },
    });
    expect(
      audit.body.items.some(
        (e: { action: string; target: { id: string } | null }) =>
          e.action === 'share_link.created' && e.target?.id === link.id,
      ),
    ).toBe(true);
  });

  it('stops at once when revoked: no new openings, and viewers already in lose access', async () => {
    const link = await share(a, springView);
    const opened = await open(link.token);
    expect((await shared(opened.body.accessToken, 'summary')).status).toBe(200);

    const revoked = await a.agent.delete(`/api/v1/share-links/${link.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const after = await shared(opened.body.accessToken, 'summary');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('share_access_ended');
    const again = await open(link.token);
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('share_link_revoked');
  });

  it('stops when it expires', async () => {
    const link = await share(a, springView, { expiresInDays: 1 });
    const opened = await open(link.token);
    expect((await shared(opened.body.accessToken, 'view')).status).toBe(200);
    await app
      .get(DataSource)
      .query(`UPDATE share_links SET expires_at = now() - interval '1 second' WHERE org_id = $1 AND id = $2`, [
        a.orgId,
        link.id,
      ]);
    expect((await shared(opened.body.accessToken, 'view')).status).toBe(401);
    const again = await open(link.token);
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('share_link_expired');
    const listed = await a.agent.get('/api/v1/share-links');
    expect(listed.body.items.find((l: { id: string }) => l.id === link.id).status).toBe('expired');
  });

  it('asks for the password when the link has one, and stores it hashed', async () => {
    const link = await share(a, springView, { password: 'board-2026!' });
    const [row] = await app
      .get(DataSource)
      .query(`SELECT password_hash FROM share_links WHERE org_id = $1 AND id = $2`, [a.orgId, link.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const none = await open(link.token);
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'share_password_required', details: { field: 'password' } });
    const wrong = await open(link.token, 'board-2025!');
    expect(wrong.body.code).toBe('share_password_wrong');
    const right = await open(link.token, 'board-2026!');
    expect(right.status).toBe(200);
    const listed = await a.agent.get('/api/v1/share-links');
    expect(listed.body.items.find((l: { id: string }) => l.id === link.id)).toMatchObject({
      hasPassword: true,
      openCount: 1,
    });

    const short = await a.agent
      .post('/api/v1/share-links')
      .send({ savedViewId: springView, expiresInDays: 7, password: 'x' });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('password must be at least 8 characters');
    const long = await a.agent.post('/api/v1/share-links').send({ savedViewId: springView, expiresInDays: 400 });
    expect(long.body.message).toContain('expiresInDays must be at most 365');
  });

  it('ends with its saved view', async () => {
    const view = await saveView(a, 'Short-lived', { campaignId: spring });
    const link = await share(a, view);
    const opened = await open(link.token);
    expect((await a.agent.delete(`/api/v1/saved-views/${view}`)).status).toBe(204);
    expect((await shared(opened.body.accessToken, 'summary')).status).toBe(401);
    expect((await open(link.token)).status).toBe(404);
  });

  it('compares with the same period a year earlier when the view says so', async () => {
    const view = await saveView(a, 'Year on year', { campaignId: spring, compare: 'previous_year' });
    const opened = await open((await share(a, view)).token);
    expect(opened.body.view.comparison).toEqual({ mode: 'previous_year', from: '2025-03-01', to: '2025-03-31' });
    const summary = await shared(opened.body.accessToken, 'summary');
    // Published under cell-key perturbation: the published form of spring's 800 impressions and 40 likes.
    expect(summary.body.current.impressions).toBe(pub.count({ impressions: 800, engagements: 40 }, 'impressions'));
    expect(summary.body.comparison.impressions).toBe(0);
    // Asked as the dashboard asks it (compare=yearEarlier): deltas come with the comparison.
    expect(summary.body.deltas).toBeDefined();
    const series = await shared(opened.body.accessToken, 'timeseries');
    expect(series.status).toBe(200);
    expect(series.body.comparison).toBeDefined();
  });
});
