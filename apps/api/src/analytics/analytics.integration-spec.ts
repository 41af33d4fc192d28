import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { exactPath } from '../../test/exact-path.js';
import { createTestApp } from '../../test/test-app.js';
import { publishedFor, type Published } from '../../test/published.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';
import { memberHash } from '../ingest/member-key.js';
import { event, seeder } from './analytics.test-helpers.js';

/** Member hashes as ingest stores them (keyed HMACs, spread over all 64 bits; reach sketches keep the top 32). */
const SECRET = Buffer.from('analytics-spec-member-key');
const hashOf = (member: number): string => memberHash(SECRET, `member-${member}`);

/**
 * Known dataset, campaign "spring", org time zone UTC, threshold 11:
 *   K1 (tiktok, personal story)  18-24 female: 100 impressions + 20 likes on 03-02
 *                                18-24 male:    50 impressions +  5 likes on 03-03
 *   K2 (instagram, short video)  25-34 female: 200 impressions + 30 clicks + 12 shares on 03-02
 *                                13-17 female:   8 impressions on 03-03
 *                                12 members (25-34 female) with one impression on 03-02 AND one on 03-03
 *   K3 (tiktok, image)           40 impressions at 2026-03-10T23:30Z (03-10 in UTC, 03-11 in Berlin)
 * Hand-computed for 03-02…03-03: impressions 150 + 232 = 382, engagements 25 + 42 = 67, clicks 30,
 * shares 12, reach 12 (members seen on two days count once).
 * Published figures are these under cell-key perturbation: `pub` computes them from the hand-computed
 * counts of each cell (test/published.ts), so every figure below is still checked exactly.
 */
const W = { impressions: 382, engagements: 67, clicks: 30, shares: 12 }; // spring, 03-02…03-03
const D2 = { impressions: 312, engagements: 62, clicks: 30, shares: 12 }; // 03-02
const D3 = { impressions: 70, engagements: 5 }; // 03-03
const A2534 = { impressions: 224, engagements: 42, clicks: 30, shares: 12 }; // 25-34 over both days
describe('analytics routes', () => {
  let app: NestExpressApplication;
  let a: Tenant;
  let b: Tenant;
  let pub: Published;
  const ids: Record<string, string> = {};

  const get = (tenant: Tenant, path: string, query: Record<string, string | string[]>) =>
    tenant.agent.get(path).query(query);

  beforeAll(async () => {
    app = await createTestApp();
    [a, b] = await Promise.all([createTenant(app), createTenant(app)]);
    pub = await publishedFor(app, a.orgId);
    const seed = seeder(app, a.orgId);
    const spring = await seed.campaign('spring');
    ids['spring'] = spring;
    const k1 = await seed.creative(spring, 'k1', { platform: 'tiktok', format: 'personal_story', name: 'My story' });
    const k2 = await seed.creative(spring, 'k2', { platform: 'instagram', format: 'short_video', name: 'Stigma clip' });
    const k3 = await seed.creative(spring, 'k3', { platform: 'tiktok', format: 'image', name: 'Poster' });
    Object.assign(ids, { k1, k2, k3 });
    const base = { campaignId: spring };
    const k1e = { ...base, creativeId: k1, platform: 'tiktok', ageBand: '18-24' };
    const k2e = { ...base, creativeId: k2, platform: 'instagram', gender: 'female' };
    const members = Array.from({ length: 12 }, (_, i) => hashOf(1000 + i));
    const memberEvents = members.flatMap((m) =>
      ['2026-03-02T09:00:00Z', '2026-03-03T09:00:00Z'].map((occurredAt) =>
        event({
          ...k2e,
          ageBand: '25-34',
          type: 'impression',
          memberHash: m,
          occurredAt,
          eventId: `member-${m}-${occurredAt}`,
        }),
      ),
    );
    const batch = [
      event({ ...k1e, gender: 'female', type: 'impression', count: 100, occurredAt: '2026-03-02T10:00:00Z' }),
      event({ ...k1e, gender: 'female', type: 'like', count: 20, occurredAt: '2026-03-02T10:00:00Z' }),
      event({ ...k1e, gender: 'male', type: 'impression', count: 50, occurredAt: '2026-03-03T10:00:00Z' }),
      event({ ...k1e, gender: 'male', type: 'like', count: 5, occurredAt: '2026-03-03T10:00:00Z' }),
      event({ ...k2e, ageBand: '25-34', type: 'impression', count: 200, occurredAt: '2026-03-02T11:00:00Z' }),
      event({ ...k2e, ageBand: '25-34', type: 'click', count: 30, occurredAt: '2026-03-02T11:00:00Z' }),
      event({ ...k2e, ageBand: '25-34', type: 'share', count: 12, occurredAt: '2026-03-02T11:00:00Z' }),
      event({ ...k2e, ageBand: '13-17', type: 'impression', count: 8, occurredAt: '2026-03-03T11:00:00Z' }),
      event({
        ...base,
        creativeId: k3,
        platform: 'tiktok',
        type: 'impression',
        count: 40,
        occurredAt: '2026-03-10T23:30:00Z',
      }),
      ...memberEvents,
    ];
    const first = await seed.events(batch);
    expect(first).toEqual({ inserted: batch.length, duplicates: 0 });
    // The same member events again (a retried request): dropped, nothing double counted.
    const again = await seed.events(memberEvents);
    expect(again).toEqual({ inserted: 0, duplicates: memberEvents.length });
  });

  afterAll(async () => {
    await app.close();
  });

  const period = { campaign: 'spring', from: '2026-03-02', to: '2026-03-03' };

  it('summary: every metric from the rollups, reach exact and de-duplicated, definitions and threshold stated', async () => {
    const res = await get(a, '/api/v1/analytics/summary', period).expect(200);
    const current = res.body.current;
    expect(current).toEqual(pub.set(W, 12));
    // Published = true ± 5, rates from the published counts, zeros exact.
    expect(Math.abs(current.impressions - 382)).toBeLessThanOrEqual(5);
    expect(current.engagementRate).toBe(current.engagements / current.impressions);
    expect([current.videoViews, current.videoCompletions, current.resourceClicks]).toEqual([0, 0, 0]);
    expect(res.body.comparison).toBeUndefined();
    expect(res.body.meta.source).toBe('cube_daily');
    expect(res.body.meta.reach.method).toBe('exact');
    expect(res.body.meta.reach.relativeStandardError).toBeUndefined();
    expect(res.body.meta.suppression).toMatchObject({
      threshold: 11,
      label: '<11',
      method: 'cell-key perturbation',
      maxPerturbation: 5,
    });
    expect(res.body.meta.suppression.note).toMatch(/between −5 and \+5/);
    expect(res.body.meta.definitions.engagementRate.denominator).toEqual(['impression']);
    expect(res.body.meta.query).toMatchObject({ campaign: { key: 'spring' }, tz: 'UTC', days: 2 });
  });

  it('summary accepts the campaign id and a read API key', async () => {
    const { key } = await a.apiKey(['read']);
    const res = await request(app.getHttpServer())
      .get('/api/v1/analytics/summary')
      .query({ ...period, campaign: ids['spring'] as string })
      .set('Authorization', `Bearer ${key}`)
      .expect(200);
    expect(res.body.current.impressions).toBe(pub.count(W, 'impressions'));
  });

  it('compare=previous: deltas absolute and relative; relative is null where the base is 0', async () => {
    const oneDay = await get(a, '/api/v1/analytics/summary', {
      campaign: 'spring',
      from: '2026-03-03',
      to: '2026-03-03',
      compare: 'previous',
    }).expect(200);
    expect(oneDay.body.meta.query.comparisonPeriod).toEqual({ from: '2026-03-02', to: '2026-03-02' });
    // 03-03: 50 + 8 + 12 = 70 impressions; 03-02: 100 + 200 + 12 = 312.
    const [now, before] = [pub.count(D3, 'impressions') as number, pub.count(D2, 'impressions') as number];
    expect(oneDay.body.current.impressions).toBe(now);
    expect(oneDay.body.comparison.impressions).toBe(before);
    expect(oneDay.body.deltas.impressions.absolute).toBe(now - before);
    expect(oneDay.body.deltas.impressions.relative).toBeCloseTo((now - before) / before, 12);
    // 5 likes on 03-03 are under the threshold: hidden, and so is the delta.
    expect(oneDay.body.current.engagements).toEqual({ suppressed: true });
    expect(oneDay.body.deltas.engagements).toEqual({ absolute: { suppressed: true }, relative: { suppressed: true } });
    const [reachNow, reachBefore] = [pub.count(D3, 'reach', 12) as number, pub.count(D2, 'reach', 12) as number];
    expect(oneDay.body.deltas.reach.absolute).toBe(reachNow - reachBefore);

    const fromNothing = await get(a, '/api/v1/analytics/summary', { ...period, compare: 'previous' }).expect(200);
    expect(fromNothing.body.comparison.impressions).toBe(0);
    expect(fromNothing.body.deltas.impressions).toEqual({ absolute: pub.count(W, 'impressions'), relative: null });
  });

  it('timeseries: zero-filled days; buckets suppressed complementarily against the period total', async () => {
    const res = await get(a, '/api/v1/analytics/timeseries', {
      ...period,
      from: '2026-03-01',
      granularity: 'day',
    }).expect(200);
    const days = res.body.current.map((b: { bucket: string }) => b.bucket);
    expect(days).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    const metric = (i: number, m: string) => res.body.current[i].metrics[m];
    expect([metric(0, 'impressions'), metric(1, 'impressions'), metric(2, 'impressions')]).toEqual([
      0,
      pub.count(D2, 'impressions'),
      pub.count(D3, 'impressions'),
    ]);
    // Engagements 0, 62, 5 with a published total of 67: 5 is hidden, and 62 with it (else 67 − 62 = 5).
    expect([metric(0, 'engagements'), metric(1, 'engagements'), metric(2, 'engagements')]).toEqual([
      0,
      { suppressed: true },
      { suppressed: true },
    ]);
    const summary = await get(a, '/api/v1/analytics/summary', { ...period, from: '2026-03-01' }).expect(200);
    const visible = [0, 1, 2]
      .map((i) => metric(i, 'engagements'))
      .filter((v: unknown) => typeof v === 'number') as number[];
    // Only the (perturbed) sum of both hidden cells.
    expect(summary.body.current.engagements - visible.reduce((s, v) => s + v, 0)).toBe(pub.count(W, 'engagements'));
    // Reach per day is a distinct count per day: 12 on each day, 12 over both (never summed).
    expect([metric(1, 'reach'), metric(2, 'reach')]).toEqual([pub.count(D2, 'reach', 12), pub.count(D3, 'reach', 12)]);
    expect(res.body.current[1].start).toBe('2026-03-02T00:00:00.000Z');
  });

  it('timeseries in Europe/Berlin: an event at 23:30 UTC lands on the next local day (hourly rollup, reach not derivable)', async () => {
    const berlin = await get(a, '/api/v1/analytics/timeseries', {
      campaign: 'spring',
      from: '2026-03-10',
      to: '2026-03-11',
      tz: 'Europe/Berlin',
    }).expect(200);
    expect(berlin.body.meta.source).toBe('cube_daily'); // the cube's hour cells (rollup_hourly's answer)
    expect(
      berlin.body.current.map((b: { bucket: string; metrics: { impressions: number } }) => [
        b.bucket,
        b.metrics.impressions,
      ]),
    ).toEqual([
      ['2026-03-10', 0],
      ['2026-03-11', pub.count({ impressions: 40 }, 'impressions')],
    ]);
    expect(berlin.body.current[1].start).toBe('2026-03-10T23:00:00.000Z');
    expect(berlin.body.current[1].metrics.reach).toBeNull();
    expect(berlin.body.meta.reach.notDerivable).toMatch(/Europe\/Berlin/);

    const utc = await get(a, '/api/v1/analytics/timeseries', {
      campaign: 'spring',
      from: '2026-03-10',
      to: '2026-03-11',
    }).expect(200);
    expect(utc.body.current.map((b: { metrics: { impressions: number } }) => b.metrics.impressions)).toEqual([
      pub.count({ impressions: 40 }, 'impressions'),
      0,
    ]);

    const hours = await get(a, '/api/v1/analytics/timeseries', {
      campaign: 'spring',
      from: '2026-03-11',
      to: '2026-03-11',
      tz: 'Europe/Berlin',
      granularity: 'hour',
    }).expect(200);
    expect(hours.body.current).toHaveLength(24);
    expect(hours.body.current[0]).toMatchObject({ bucket: '2026-03-11T00:00', start: '2026-03-10T23:00:00.000Z' });
    expect(hours.body.current[0].metrics.impressions).toBe(pub.count({ impressions: 40 }, 'impressions'));
  });

  it('timeseries week and month buckets; comparison series aligned by offset', async () => {
    const res = await get(a, '/api/v1/analytics/timeseries', {
      campaign: 'spring',
      from: '2026-03-01',
      to: '2026-03-14',
      granularity: 'week',
      compare: 'previous',
    }).expect(200);
    // 2026-03-01 is a Sunday: weeks start 02-23 (clipped to 03-01), 03-02 and 03-09.
    expect(res.body.current.map((b: { bucket: string }) => b.bucket)).toEqual([
      '2026-02-23',
      '2026-03-02',
      '2026-03-09',
    ]);
    expect(res.body.current.map((b: { metrics: { impressions: number } }) => b.metrics.impressions)).toEqual([
      0,
      pub.count(W, 'impressions'),
      pub.count({ impressions: 40 }, 'impressions'),
    ]);
    expect(res.body.comparison).toHaveLength(res.body.deltas.length);
    const month = await get(a, '/api/v1/analytics/timeseries', {
      campaign: 'spring',
      from: '2026-03-01',
      to: '2026-03-31',
      granularity: 'month',
    }).expect(200);
    expect(month.body.current).toEqual([expect.objectContaining({ bucket: '2026-03-01' })]);
    expect(month.body.current[0].metrics.impressions).toBe(pub.count({ ...W, impressions: 422 }, 'impressions'));
  });

  it('breakdown by age band: % of total, complementary suppression, de-duplicated total reach', async () => {
    const res = await get(a, '/api/v1/analytics/breakdown', { ...period, by: 'ageBand' }).expect(200);
    expect(res.body.meta.source).toBe('cube_daily');
    const rows = res.body.rows.map((r: { key: { value: string }[]; current: Record<string, unknown> }) => [
      r.key[0]?.value,
      r.current['impressions'],
      r.current['engagements'],
      r.current['reach'],
    ]);
    // Impressions 8 (13-17) < 11 is hidden; 150 (18-24) is hidden with it, so 382 − 224 gives only 158.
    const a1824 = { impressions: 150, engagements: 25 };
    expect(rows).toEqual([
      ['13-17', { suppressed: true }, 0, 0],
      ['18-24', { suppressed: true }, pub.count(a1824, 'engagements'), 0],
      ['25-34', pub.count(A2534, 'impressions'), pub.count(A2534, 'engagements'), pub.count(A2534, 'reach', 12)],
    ]);
    expect(res.body.total.current).toEqual(pub.set(W, 12));
    const visible = rows.map((r: unknown[]) => r[1]).filter((v: unknown): v is number => typeof v === 'number');
    const remainder = res.body.total.current.impressions - visible.reduce((s: number, v: number) => s + v, 0);
    // Only the two hidden rows together (158 ± 10), never the 8 alone.
    expect(Math.abs(remainder - 158)).toBeLessThanOrEqual(10);
    expect(remainder).not.toBe(8);
    // The rate of a row with hidden impressions is hidden too.
    expect(res.body.rows[1].current.engagementRate).toEqual({ suppressed: true });
    expect(res.body.rows[2].shareOfTotal.impressions).toBeCloseTo(
      (pub.count(A2534, 'impressions') as number) / (pub.count(W, 'impressions') as number),
      12,
    );
    expect(res.body.reachNote).toMatch(/don't add up/);
    // The same question answered exactly by rollup_daily and reach_daily (the cube skipped): the same published figures.
    const exact = await exactPath(app, () =>
      get(a, '/api/v1/analytics/breakdown', { ...period, by: 'ageBand' }).expect(200),
    );
    expect(exact.body.meta.source).toBe('rollup_daily');
    expect(exact.body.rows).toEqual(res.body.rows);
    expect(exact.body.total).toEqual(res.body.total);
  });

  it('breakdown total reach is a distinct count, not the sum of rows (a member on two platforms counts once)', async () => {
    const seed = seeder(app, a.orgId);
    const camp = await seed.campaign('reach-dedup');
    const tk = await seed.creative(camp, 'tk', { platform: 'tiktok' });
    const ig = await seed.creative(camp, 'ig', { platform: 'instagram' });
    const members = Array.from({ length: 15 }, (_, i) => hashOf(5000 + i));
    await seed.events(
      members.flatMap((m) => [
        event({
          campaignId: camp,
          creativeId: tk,
          platform: 'tiktok',
          type: 'impression',
          memberHash: m,
          occurredAt: '2026-03-05T08:00:00Z',
        }),
        event({
          campaignId: camp,
          creativeId: ig,
          platform: 'instagram',
          type: 'impression',
          memberHash: m,
          occurredAt: '2026-03-06T08:00:00Z',
        }),
      ]),
    );
    const res = await get(a, '/api/v1/analytics/breakdown', {
      campaign: 'reach-dedup',
      from: '2026-03-05',
      to: '2026-03-06',
      by: 'platform',
    }).expect(200);
    const row = pub.count({ impressions: 15 }, 'reach', 15);
    expect(res.body.rows.map((r: { current: { reach: number } }) => r.current.reach)).toEqual([row, row]);
    expect(res.body.total.current.reach).toBe(pub.count({ impressions: 30 }, 'reach', 15));
    expect(res.body.total.current.impressions).toBe(pub.count({ impressions: 30 }, 'impressions'));
  });

  it('breakdown by two dimensions and by creative attributes', async () => {
    const two = await get(a, '/api/v1/analytics/breakdown', { ...period, by: 'ageBand,gender' }).expect(200);
    expect(two.body.by).toEqual(['ageBand', 'gender']);
    expect(two.body.total.current.impressions).toBe(pub.count(W, 'impressions'));
    const format = await get(a, '/api/v1/analytics/breakdown', { ...period, by: 'format' }).expect(200);
    const byFormat = Object.fromEntries(
      format.body.rows.map((r: { key: { value: string }[]; current: { impressions: number } }) => [
        r.key[0]?.value,
        r.current.impressions,
      ]),
    );
    expect(byFormat).toEqual({
      personal_story: pub.count({ impressions: 150, engagements: 25 }, 'impressions'),
      short_video: pub.count({ ...A2534, impressions: 232 }, 'impressions'),
    });
    const creative = await get(a, '/api/v1/analytics/breakdown', { ...period, by: 'creative' }).expect(200);
    expect(creative.body.rows.map((r: { key: { label: string }[] }) => r.key[0]?.label)).toEqual([
      'Stigma clip',
      'My story',
    ]);
  });

  it('filters and segments: AND across dimensions, OR within one', async () => {
    const or = await get(a, '/api/v1/analytics/summary', { ...period, ageBand: ['18-24', '13-17'] }).expect(200);
    expect(or.body.current.impressions).toBe(pub.count({ impressions: 158, engagements: 25 }, 'impressions'));
    expect(or.body.meta.source).toBe('cube_daily');
    const seg = await a.agent
      .post('/api/v1/segments')
      .send({ name: 'Young on TikTok', rules: { ageBand: ['18-24', '13-17'], platform: ['tiktok'] } })
      .expect(201);
    const and = await get(a, '/api/v1/analytics/summary', { ...period, segment: seg.body.id }).expect(200);
    expect(and.body.current.impressions).toBe(pub.count({ impressions: 150, engagements: 25 }, 'impressions'));
    expect(and.body.meta.source).toBe('cube_daily'); // the platform × age band grain
    expect(and.body.meta.query.segment).toMatchObject({ id: seg.body.id, name: 'Young on TikTok' });
    const none = await get(a, '/api/v1/analytics/summary', {
      ...period,
      segment: seg.body.id,
      platform: 'instagram',
    }).expect(200);
    expect(none.body.current.impressions).toBe(0);
    const preset = await get(a, '/api/v1/analytics/summary', { ...period, segment: 'preset:adults' }).expect(200);
    expect(preset.body.current).toEqual(pub.set(A2534, 12));
  });

  it('segment report: one row per segment, current vs previous, Δ', async () => {
    const res = await get(a, '/api/v1/analytics/segments', {
      campaign: 'spring',
      from: '2026-03-03',
      to: '2026-03-03',
      segment: ['preset:young-adults', 'preset:adults'],
    }).expect(200);
    expect(res.body.rows.map((r: { segment: { id: string } }) => r.segment.id)).toEqual([
      'preset:young-adults',
      'preset:adults',
    ]);
    const [young, adults] = res.body.rows;
    const [y3, y2] = [
      pub.count({ impressions: 50, engagements: 5 }, 'impressions') as number,
      pub.count({ impressions: 100, engagements: 20 }, 'impressions') as number,
    ];
    expect(young.current.impressions).toBe(y3);
    expect(young.comparison.impressions).toBe(y2);
    expect(young.deltas.impressions).toEqual({ absolute: y3 - y2, relative: (y3 - y2) / y2 });
    expect(adults.current).toEqual(pub.set({ impressions: 12 }, 12));
    expect(adults.comparison).toEqual(pub.set({ ...A2534, impressions: 212 }, 12));
    const defaults = await get(a, '/api/v1/analytics/segments', period).expect(200);
    expect(defaults.body.rows).toHaveLength(4);
  });

  it('segments CRUD: presets read-only, rules validated, viewers read only', async () => {
    const list = await a.agent.get('/api/v1/segments').expect(200);
    expect(list.body.items.filter((s: { isPreset: boolean }) => s.isPreset).map((s: { id: string }) => s.id)).toContain(
      'preset:older-adults',
    );
    const older = await a.agent.get('/api/v1/segments/preset:older-adults').expect(200);
    expect(older.body.rules).toEqual({ ageBand: ['55-64', '65+', '55+'] });
    await a.agent.patch('/api/v1/segments/preset:teens').send({ name: 'x' }).expect(409);
    const bad = await a.agent
      .post('/api/v1/segments')
      .send({ name: 'Bad', rules: { ageBand: ['18-25'] } })
      .expect(400);
    expect(bad.body.message).toMatch(/ageBand must be one of/);
    await a.agent
      .post('/api/v1/segments')
      .send({ name: 'Bad', rules: { shoeSize: ['42'] } })
      .expect(400);
    const created = await a.agent
      .post('/api/v1/segments')
      .send({ name: 'Women', description: 'All women', rules: { gender: ['female'] } })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Women', isPreset: false, rules: { gender: ['female'] } });
    await a.agent.post('/api/v1/segments').send({ name: 'Women', rules: {} }).expect(409);
    const patched = await a.agent
      .patch(`/api/v1/segments/${created.body.id}`)
      .send({ rules: { gender: ['female', 'non_binary'] } })
      .expect(200);
    expect(patched.body.rules).toEqual({ gender: ['female', 'non_binary'] });
    const viewer = await a.addMember('viewer');
    await viewer.agent.get(`/api/v1/segments/${created.body.id}`).expect(200);
    await viewer.agent.post('/api/v1/segments').send({ name: 'Nope', rules: {} }).expect(403);
    await a.agent.delete(`/api/v1/segments/${created.body.id}`).expect(204);
    await a.agent.get(`/api/v1/segments/${created.body.id}`).expect(404);
  });

  it('audience size preview for a draft rule', async () => {
    const res = await a.agent
      .post('/api/v1/segments/audience-size')
      .send({ rules: { ageBand: ['25-34'] }, from: '2026-03-01', to: '2026-03-31' })
      .expect(200);
    expect(res.body).toMatchObject({
      impressions: pub.count(A2534, 'impressions'),
      reach: pub.count(A2534, 'reach', 12),
      reachMethod: 'exact',
      from: '2026-03-01',
      to: '2026-03-31',
    });
    const small = await a.agent
      .post('/api/v1/segments/audience-size')
      .send({ rules: { ageBand: ['13-17'] }, from: '2026-03-01', to: '2026-03-31' })
      .expect(200);
    expect(small.body.impressions).toEqual({ suppressed: true });
  });

  it.each([
    [{ ...period, tz: 'Mars/Olympus' }, 'invalid_time_zone'],
    [{ ...period, from: '2026-03-05', to: '2026-03-01' }, 'invalid_range'],
    [{ ...period, from: '2026-02-30' }, 'invalid_date'],
    [{ ...period, from: '2020-01-01', to: '2026-01-01' }, 'range_too_long'],
    [{ ...period, ageBand: '99+' }, 'validation_failed'],
    [{ ...period, campaign: 'nope' }, 'campaign_not_found'],
    [{ ...period, segment: ['preset:teens', 'preset:adults'] }, 'too_many_segments'],
    [{ ...period, ageBand: '18-24', tz: 'Europe/Berlin' }, 'unsupported_combination'],
  ])('summary refuses %j with %s', async (query, code) => {
    const res = await get(a, '/api/v1/analytics/summary', query as Record<string, string>);
    expect(res.body.code).toBe(code);
    expect([400, 404]).toContain(res.status);
    expect(res.body.message.length).toBeGreaterThan(10);
  });

  it('breakdown refuses an unknown dimension, naming the allowed ones', async () => {
    const res = await get(a, '/api/v1/analytics/breakdown', { ...period, by: 'ageBand,shoeSize' }).expect(400);
    expect(res.body.code).toBe('unknown_dimension');
    expect(res.body.message).toMatch(/shoeSize/);
    expect(res.body.message).toMatch(/ageBand, gender/);
  });

  it('platform-reported reach stays at its grain: listed, never added to member reach, not listed across grains', async () => {
    const db = app.get(DataSource);
    await db.query(
      `INSERT INTO reported_periods (org_id, import_id, row_key, grain, period_start, period_end, campaign_id, platform, reach)
       VALUES ($1, gen_random_uuid(), 'rp-1', 'campaign-period', '2026-03-02', '2026-03-03', $2, 'instagram', 900)`,
      [a.orgId, ids['spring']],
    );
    const res = await get(a, '/api/v1/analytics/summary', period).expect(200);
    expect(res.body.current.reach).toBe(pub.count(W, 'reach', 12));
    expect(res.body.meta.reach.platformReported).toEqual([
      expect.objectContaining({ grain: 'campaign-period', periodStart: '2026-03-02', periodEnd: '2026-03-03' }),
    ]);
    // A platform's own figure is published under the same bound.
    expect(Math.abs(res.body.meta.reach.platformReported[0].reach - 900)).toBeLessThanOrEqual(5);
    // A window that cuts the reported period, or a filter on a dimension it was not reported by: not derivable, not listed.
    const cut = await get(a, '/api/v1/analytics/summary', { ...period, to: '2026-03-02' }).expect(200);
    expect(cut.body.meta.reach.platformReported).toEqual([]);
    const byLanguage = await get(a, '/api/v1/analytics/summary', { ...period, language: 'de' }).expect(200);
    expect(byLanguage.body.meta.reach.platformReported).toEqual([]);
  });

  it('documents every analytics and segment route in OpenAPI', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200);
    for (const path of ['summary', 'timeseries', 'breakdown', 'segments', 'creatives', 'insights']) {
      expect(res.body.paths[`/api/v1/analytics/${path}`]?.get?.responses?.['200']).toBeDefined();
    }
    expect(res.body.paths['/api/v1/segments/{id}']?.patch).toBeDefined();
    expect(res.body.paths['/api/v1/segments/audience-size']?.post).toBeDefined();
  });

  it('isolation: org B sees none of A’s figures and cannot name A’s campaign or segments', async () => {
    const summary = await get(b, '/api/v1/analytics/summary', { from: '2026-03-01', to: '2026-03-31' }).expect(200);
    expect(summary.body.current).toMatchObject({ impressions: 0, engagements: 0, reach: 0 });
    await get(b, '/api/v1/analytics/summary', { ...period, campaign: ids['spring'] as string }).expect(404);
    await get(b, '/api/v1/analytics/creatives', {
      from: '2026-03-01',
      to: '2026-03-31',
      creative: ids['k1'] as string,
    }).expect(404);
    const breakdown = await get(b, '/api/v1/analytics/breakdown', {
      from: '2026-03-01',
      to: '2026-03-31',
      by: 'creative',
    }).expect(200);
    expect(breakdown.body.rows).toEqual([]);
    const matrix = await get(b, '/api/v1/analytics/creatives', { from: '2026-03-01', to: '2026-03-31' }).expect(200);
    expect(matrix.body.cells).toEqual([]);
    expect(JSON.stringify(matrix.body)).not.toContain(ids['k1']);
  });
});
