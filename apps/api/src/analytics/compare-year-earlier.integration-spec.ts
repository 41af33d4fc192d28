import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';
import { event, seeder } from './analytics.test-helpers.js';

/**
 * compare=yearEarlier: a page comparing with the same period last year gets both periods in one answer,
 * and the earlier one is exactly what a request for those dates answers on its own.
 */
describe('analytics compare=yearEarlier', () => {
  let app: NestExpressApplication;
  let tenant: Tenant;
  const range = 'from=2026-05-01&to=2026-05-31&tz=UTC';

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
    const seed = seeder(app, tenant.orgId);
    const campaignId = await seed.campaign('yoy');
    const creativeId = await seed.creative(campaignId, 'story', { platform: 'tiktok' });
    const at = (occurredAt: string) => ({ campaignId, creativeId, occurredAt, ageBand: '25-34' as const });
    await seed.events([
      event({ ...at('2026-05-10T12:00:00Z'), type: 'impression', count: 500 }),
      event({ ...at('2026-05-10T12:00:00Z'), type: 'like', count: 40 }),
      event({ ...at('2025-05-03T12:00:00Z'), type: 'impression', count: 320 }),
      event({ ...at('2025-05-03T12:00:00Z'), type: 'like', count: 16 }),
      event({ ...at('2025-04-20T12:00:00Z'), type: 'impression', count: 900 }),
    ]);
  });

  afterAll(async () => {
    await app.close();
  });

  it('summary: the year-earlier figures and the change, as a request for those dates answers them', async () => {
    const both = await tenant.agent.get(`/api/v1/analytics/summary?${range}&compare=yearEarlier`).expect(200);
    const earlier = await tenant.agent.get('/api/v1/analytics/summary?from=2025-05-01&to=2025-05-31&tz=UTC');
    expect(both.body.meta.query.comparisonPeriod).toEqual({ from: '2025-05-01', to: '2025-05-31' });
    expect(both.body.comparison).toEqual(earlier.body.current);
    // Published counts carry the cell-key perturbation (±5): 320 a year earlier, 500 now.
    const [was, now] = [both.body.comparison.impressions as number, both.body.current.impressions as number];
    expect(Math.abs(was - 320)).toBeLessThanOrEqual(5);
    expect(Math.abs(now - 500)).toBeLessThanOrEqual(5);
    expect(both.body.deltas.impressions).toEqual({ absolute: now - was, relative: (now - was) / was });
  });

  it('timeseries: each bucket beside the same day a year earlier', async () => {
    const qs = `${range}&granularity=day&compare=yearEarlier`;
    const both = await tenant.agent.get(`/api/v1/analytics/timeseries?${qs}`).expect(200);
    const earlier = await tenant.agent
      .get('/api/v1/analytics/timeseries?from=2025-05-01&to=2025-05-31&tz=UTC&granularity=day')
      .expect(200);
    expect(both.body.comparison).toEqual(earlier.body.current);
    const i = (both.body.current as { bucket: string }[]).findIndex((b) => b.bucket === '2026-05-03');
    expect(both.body.comparison[i].bucket).toBe('2025-05-03');
    expect(Math.abs(both.body.comparison[i].metrics.impressions - 320)).toBeLessThanOrEqual(5);
  });

  it('a range ending on 29 February compares with 28 February of the year before', async () => {
    const res = await tenant.agent
      .get('/api/v1/analytics/timeseries?from=2028-02-01&to=2028-02-29&tz=UTC&granularity=day&compare=yearEarlier')
      .expect(200);
    expect(res.body.meta.query.comparisonPeriod).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(res.body.current).toHaveLength(29);
    expect(res.body.comparison).toHaveLength(28);
    expect(res.body.deltas[28].impressions).toEqual({ absolute: null, relative: null });
  });

  it('names the comparisons it knows when asked for another', async () => {
    const res = await tenant.agent.get(`/api/v1/analytics/summary?${range}&compare=lastYear`).expect(400);
    expect(JSON.stringify(res.body.message)).toContain('compare must be one of previous, yearEarlier');
  });
});
