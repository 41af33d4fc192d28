import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';

describe('campaigns and creatives', () => {
  let app: NestExpressApplication;
  let org: Tenant;

  beforeAll(async () => {
    app = await createTestApp();
    org = await createTenant(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const campaignBody = {
    key: 'mham-2026',
    name: 'Mental Health Awareness Month 2026',
    objective: 'Help-line awareness',
    startsOn: '2026-05-01',
    endsOn: '2026-05-31',
    tags: ['may'],
  };

  it('creates, reads, lists, updates and deletes a campaign', async () => {
    const created = await org.agent.post('/api/v1/campaigns').send(campaignBody).expect(201);
    expect(created.body).toMatchObject({ ...campaignBody, creativeCount: 0, creativesNeedingDetails: 0 });
    const id = created.body.id as string;

    const got = await org.agent.get(`/api/v1/campaigns/${id}`).expect(200);
    expect(got.body).toMatchObject({ id, key: 'mham-2026', startsOn: '2026-05-01', endsOn: '2026-05-31' });

    const list = await org.agent.get('/api/v1/campaigns').expect(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items).toEqual([expect.objectContaining({ id, key: 'mham-2026' })]);

    const patched = await org.agent
      .patch(`/api/v1/campaigns/${id}`)
      .send({ name: 'MHAM', objective: null, endsOn: '2026-06-07' })
      .expect(200);
    expect(patched.body).toMatchObject({
      name: 'MHAM',
      objective: null,
      startsOn: '2026-05-01',
      endsOn: '2026-06-07',
      tags: ['may'],
    });

    await org.agent.delete(`/api/v1/campaigns/${id}`).expect(204);
    await org.agent.get(`/api/v1/campaigns/${id}`).expect(404);
  });

  it('refuses a duplicate key with 409, on create and on rename', async () => {
    await org.agent.post('/api/v1/campaigns').send({ key: 'dup-a', name: 'A' }).expect(201);
    const b = await org.agent.post('/api/v1/campaigns').send({ key: 'dup-b', name: 'B' }).expect(201);
    const again = await org.agent.post('/api/v1/campaigns').send({ key: 'dup-a', name: 'Another' }).expect(409);
    expect(again.body).toMatchObject({ code: 'campaign_key_taken', message: expect.stringContaining("'dup-a'") });
    const rename = await org.agent
      .patch(`/api/v1/campaigns/${b.body.id as string}`)
      .send({ key: 'dup-a' })
      .expect(409);
    expect(rename.body.code).toBe('campaign_key_taken');
  });

  it.each([
    [{ key: 'Bad Key!', name: 'x' }, 'key must be letters, digits'],
    [{ key: 'ok', name: '' }, 'name must not be empty'],
    [{ key: 'ok', name: 'x', startsOn: '2026-13-01' }, 'startsOn must be a real calendar date'],
    [{ key: 'ok', name: 'x', endsOn: '1 May 2026' }, 'endsOn must be a date as YYYY-MM-DD'],
    [
      { key: 'ok', name: 'x', startsOn: '2026-06-01', endsOn: '2026-05-01' },
      'startsOn (2026-06-01) must be on or before endsOn (2026-05-01)',
    ],
    [{ key: 'ok', name: 'x', tags: 'may' }, 'tags must be an array'],
    [{ key: 'ok', name: 'x', owner: 'me' }, 'property owner should not exist'],
  ])('refuses %j with a message saying what to fix', async (body, message) => {
    const res = await org.agent.post('/api/v1/campaigns').send(body).expect(400);
    expect(res.body.message).toContain(message);
  });

  it('refuses a PATCH that would put the end before the start', async () => {
    const c = await org.agent
      .post('/api/v1/campaigns')
      .send({ key: 'window', name: 'W', startsOn: '2026-05-01' })
      .expect(201);
    const res = await org.agent
      .patch(`/api/v1/campaigns/${c.body.id as string}`)
      .send({ endsOn: '2026-04-30' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'invalid_window' });
  });

  it('manages creatives of a campaign, with validation and 409 on a duplicate key', async () => {
    const c = await org.agent.post('/api/v1/campaigns').send({ key: 'with-creatives', name: 'C' }).expect(201);
    const campaignId = c.body.id as string;
    const body = {
      key: 'ad-1',
      name: 'Talking helps',
      platform: 'tiktok',
      format: 'short_video',
      theme: 'reaching out',
      partner: null,
      externalIds: ['1789'],
    };
    const created = await org.agent.post(`/api/v1/campaigns/${campaignId}/creatives`).send(body).expect(201);
    expect(created.body).toMatchObject({ ...body, campaignId, needsDetails: false, tags: [] });

    const dup = await org.agent.post(`/api/v1/campaigns/${campaignId}/creatives`).send(body).expect(409);
    expect(dup.body.code).toBe('creative_key_taken');

    const bad = await org.agent
      .post(`/api/v1/campaigns/${campaignId}/creatives`)
      .send({ key: 'ad-2', name: 'x', platform: 'myspace', format: 'hologram' })
      .expect(400);
    expect(bad.body.message).toContain('platform must be one of instagram, facebook, tiktok, x, youtube, other');
    expect(bad.body.message).toContain('format must be one of short_video, image');

    const id = created.body.id as string;
    const patched = await org.agent
      .patch(`/api/v1/creatives/${id}`)
      .send({ format: 'ugc', partner: 'Mind' })
      .expect(200);
    expect(patched.body).toMatchObject({
      format: 'ugc',
      partner: 'Mind',
      name: 'Talking helps',
      theme: 'reaching out',
    });

    const list = await org.agent.get(`/api/v1/campaigns/${campaignId}/creatives`).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id, needsDetails: false })] });
    const campaign = await org.agent.get(`/api/v1/campaigns/${campaignId}`).expect(200);
    expect(campaign.body.creativeCount).toBe(1);

    await org.agent.delete(`/api/v1/creatives/${id}`).expect(204);
    await org.agent.patch(`/api/v1/creatives/${id}`).send({ name: 'gone' }).expect(404);
    await org.agent.get(`/api/v1/campaigns/00000000-0000-4000-8000-000000000000/creatives`).expect(404);
  });

  it('refuses to delete a campaign with figures unless deleteData=true, then removes them', async () => {
    const c = await org.agent.post('/api/v1/campaigns').send({ key: 'with-data', name: 'D' }).expect(201);
    const campaignId = c.body.id as string;
    const event = {
      eventId: 'd-1',
      occurredAt: '2026-05-01T10:00:00Z',
      campaign: 'with-data',
      creative: 'ad-x',
      platform: 'x',
      type: 'like',
    };
    await org.agent.post('/api/v1/events').send([event]).expect(200);

    const refused = await org.agent.delete(`/api/v1/campaigns/${campaignId}`).expect(409);
    expect(refused.body).toMatchObject({ code: 'has_data', message: expect.stringContaining('deleteData=true') });
    await org.agent.delete(`/api/v1/campaigns/${campaignId}?deleteData=true`).expect(204);

    const db = app.get(DataSource);
    for (const table of ['events', 'rollup_daily', 'rollup_daily_creative', 'rollup_hourly', 'creatives']) {
      const rows = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1 AND campaign_id = $2`,
        [org.orgId, campaignId],
      );
      expect({ table, n: rows[0]?.n }).toEqual({ table, n: 0 });
    }
  });

  it('lets analysts, viewers and read keys read but not write', async () => {
    const c = await org.agent.post('/api/v1/campaigns').send({ key: 'roles', name: 'R' }).expect(201);
    const analyst = await org.addMember('analyst');
    await analyst.agent.get(`/api/v1/campaigns/${c.body.id as string}`).expect(200);
    await analyst.agent.post('/api/v1/campaigns').send({ key: 'nope', name: 'N' }).expect(403);
    await analyst.agent
      .patch(`/api/v1/campaigns/${c.body.id as string}`)
      .send({ name: 'N' })
      .expect(403);
    const manager = await org.addMember('manager');
    await manager.agent
      .patch(`/api/v1/campaigns/${c.body.id as string}`)
      .send({ name: 'By manager' })
      .expect(200);

    const readKey = await org.apiKey(['read']);
    const viaKey = await request(app.getHttpServer())
      .get('/api/v1/campaigns')
      .set('Authorization', `Bearer ${readKey.key}`)
      .expect(200);
    expect(viaKey.body.items.map((x: { key: string }) => x.key)).toContain('roles');
    await request(app.getHttpServer())
      .post('/api/v1/campaigns')
      .set('Authorization', `Bearer ${readKey.key}`)
      .send({ key: 'by-key', name: 'K' })
      .expect(403);
  });
});
