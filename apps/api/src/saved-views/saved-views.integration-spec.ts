import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';
import { seeder } from '../analytics/analytics.test-helpers.js';

describe('saved views', () => {
  let app: NestExpressApplication;
  let a: Tenant;
  let b: Tenant;
  let campaignA: string;
  let campaignB: string;

  const filters = (overrides: Record<string, unknown> = {}) => ({
    period: 'lastMonth',
    campaignId: null,
    platform: null,
    segmentId: null,
    compare: 'previous_period',
    ...overrides,
  });

  beforeAll(async () => {
    app = await createTestApp();
    [a, b] = await Promise.all([createTenant(app), createTenant(app)]);
    campaignA = await seeder(app, a.orgId).campaign('spring');
    campaignB = await seeder(app, b.orgId).campaign('autumn');
  });

  afterAll(async () => {
    await app.close();
  });

  it('saves the page with its filters and lists it for the organisation only', async () => {
    const created = await a.agent.post('/api/v1/saved-views').send({
      name: 'Board — last full month',
      page: 'report',
      filters: filters({ campaignId: campaignA, platform: 'tiktok', segmentId: 'preset:young-adults' }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Board — last full month',
      page: 'report',
      filters: {
        period: 'lastMonth',
        campaignId: campaignA,
        platform: 'tiktok',
        segmentId: 'preset:young-adults',
        compare: 'previous_period',
      },
      createdBy: a.ownerId,
    });

    const mine = await a.agent.get('/api/v1/saved-views');
    expect(mine.body.items.map((v: { name: string }) => v.name)).toContain('Board — last full month');
    const theirs = await b.agent.get('/api/v1/saved-views');
    expect(theirs.body).toEqual({ items: [], total: 0 });
    expect((await b.agent.get(`/api/v1/saved-views/${created.body.id}`)).status).toBe(404);
    expect((await a.agent.get(`/api/v1/saved-views/${created.body.id}`)).body.name).toBe('Board — last full month');
  });

  it('keeps custom dates only for a custom period', async () => {
    const custom = await a.agent.post('/api/v1/saved-views').send({
      name: 'March',
      page: 'overview',
      filters: filters({ period: 'custom', from: '2026-03-01', to: '2026-03-31' }),
    });
    expect(custom.status).toBe(201);
    expect(custom.body.filters).toMatchObject({ period: 'custom', from: '2026-03-01', to: '2026-03-31' });
    const rolling = await a.agent.post('/api/v1/saved-views').send({
      name: 'Rolling',
      page: 'overview',
      filters: filters({ period: 'last30', from: '2026-03-01', to: '2026-03-31' }),
    });
    expect(rolling.status).toBe(201);
    expect(rolling.body.filters.from).toBeUndefined();
  });

  it('refuses filters that name another organisation’s campaign, an unknown segment or bad dates', async () => {
    const foreign = await a.agent
      .post('/api/v1/saved-views')
      .send({ name: 'x1', page: 'overview', filters: filters({ campaignId: campaignB }) });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ code: 'invalid_view_filters', details: { field: 'filters.campaignId' } });

    const segment = await a.agent
      .post('/api/v1/saved-views')
      .send({ name: 'x2', page: 'overview', filters: filters({ segmentId: 'preset:nobody' }) });
    expect(segment.body).toMatchObject({ code: 'invalid_view_filters', details: { field: 'filters.segmentId' } });

    const noDates = await a.agent
      .post('/api/v1/saved-views')
      .send({ name: 'x3', page: 'overview', filters: filters({ period: 'custom' }) });
    expect(noDates.status).toBe(400);
    expect(noDates.body.message).toContain("filters.from must be a date YYYY-MM-DD (required with period 'custom')");

    const backwards = await a.agent.post('/api/v1/saved-views').send({
      name: 'x4',
      page: 'overview',
      filters: filters({ period: 'custom', from: '2026-04-01', to: '2026-03-01' }),
    });
    expect(backwards.body).toMatchObject({ code: 'invalid_view_filters', details: { field: 'filters.from' } });

    const period = await a.agent
      .post('/api/v1/saved-views')
      .send({ name: 'x5', page: 'overview', filters: filters({ period: 'forever' }) });
    expect(period.status).toBe(400);
    expect(period.body.message).toContain('filters.period must be one of');
  });

  it('refuses a second view with the same name', async () => {
    const body = { name: 'Twice', page: 'overview', filters: filters() };
    expect((await a.agent.post('/api/v1/saved-views').send(body)).status).toBe(201);
    const again = await a.agent.post('/api/v1/saved-views').send(body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('saved_view_name_taken');
  });

  it('lets viewers read but not save, and only the saver or a manager delete', async () => {
    const viewer = await a.addMember('viewer');
    const analyst = await a.addMember('analyst');
    const otherAnalyst = await a.addMember('analyst');
    expect((await viewer.agent.get('/api/v1/saved-views')).status).toBe(200);
    const refused = await viewer.agent
      .post('/api/v1/saved-views')
      .send({ name: 'v', page: 'overview', filters: filters() });
    expect(refused.status).toBe(403);

    const saved = await analyst.agent
      .post('/api/v1/saved-views')
      .send({ name: 'Analyst view', page: 'overview', filters: filters() });
    expect(saved.status).toBe(201);
    const notTheirs = await otherAnalyst.agent.delete(`/api/v1/saved-views/${saved.body.id}`);
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body.code).toBe('not_view_owner');
    expect((await b.agent.delete(`/api/v1/saved-views/${saved.body.id}`)).status).toBe(404);
    expect((await analyst.agent.delete(`/api/v1/saved-views/${saved.body.id}`)).status).toBe(204);
    expect((await a.agent.get(`/api/v1/saved-views/${saved.body.id}`)).status).toBe(404);
  });
});
