import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, testIp, type Tenant } from '../../test/tenancy.js';
import { seeder } from '../analytics/analytics.test-helpers.js';

interface Item {
  id: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  text: string;
  campaign: { id: string; name: string } | null;
  observance: { id: string; slug: string } | null;
}

describe('annotations', () => {
  let app: NestExpressApplication;
  let a: Tenant;
  let b: Tenant;
  let spring: string;
  let autumn: string;
  let foreignCampaign: string;
  const server = () => request(app.getHttpServer());

  const list = async (tenant: { agent: Tenant['agent'] }, qs: string): Promise<Item[]> => {
    const res = await tenant.agent.get(`/api/v1/annotations?${qs}`);
    expect(res.status).toBe(200);
    return res.body.items as Item[];
  };
  const notes = (items: Item[]) => items.filter((i) => i.kind === 'note').map((i) => i.text);

  beforeAll(async () => {
    app = await createTestApp();
    [a, b] = await Promise.all([createTenant(app), createTenant(app)]);
    spring = await seeder(app, a.orgId).campaign('spring');
    autumn = await seeder(app, a.orgId).campaign('autumn');
    foreignCampaign = await seeder(app, b.orgId).campaign('b-campaign');
  });

  afterAll(async () => {
    await app.close();
  });

  it('lists notes and the calendar’s observance windows of the range in one list, by date', async () => {
    const day = await a.agent.post('/api/v1/annotations').send({ startsOn: '2026-05-12', text: '  Press coverage  ' });
    expect(day.status).toBe(201);
    expect(day.body).toMatchObject({
      kind: 'note',
      startsOn: '2026-05-12',
      endsOn: '2026-05-12',
      text: 'Press coverage',
      campaign: null,
      createdBy: a.ownerId,
    });
    const range = await a.agent
      .post('/api/v1/annotations')
      .send({ startsOn: '2026-05-20', endsOn: '2026-06-03', text: 'Paid boost', campaignId: spring });
    expect(range.status).toBe(201);
    expect(range.body.campaign).toEqual({ id: spring, name: 'Campaign spring' });

    const may = await list(a, 'from=2026-05-01&to=2026-05-31');
    expect(notes(may)).toEqual(['Press coverage', 'Paid boost']);
    const month = may.find((i) => i.observance?.slug === 'mental-health-awareness-month');
    expect(month).toMatchObject({
      kind: 'observance',
      startsOn: '2026-05-01',
      endsOn: '2026-05-31',
      text: 'Mental Health Awareness Month',
    });
    // By start date: the month (1 May) comes before the note of 12 May.
    expect(may.findIndex((i) => i === month)).toBeLessThan(may.findIndex((i) => i.text === 'Press coverage'));
    for (let i = 1; i < may.length; i++) expect(may[i - 1]!.startsOn <= may[i]!.startsOn).toBe(true);

    // Overlap, not containment: a range that only touches the window is listed.
    expect(notes(await list(a, 'from=2026-06-03&to=2026-06-10'))).toEqual(['Paid boost']);
    expect(notes(await list(a, 'from=2026-06-04&to=2026-06-10'))).toEqual([]);
    // With a campaign: its notes and notes tied to none, not another campaign's.
    expect(notes(await list(a, `from=2026-05-01&to=2026-05-31&campaign=${autumn}`))).toEqual(['Press coverage']);
    expect(notes(await list(a, `from=2026-05-01&to=2026-05-31&campaign=${spring}`))).toEqual([
      'Press coverage',
      'Paid boost',
    ]);
  });

  it('updates and deletes, and writes each change to the audit log', async () => {
    const created = await a.agent.post('/api/v1/annotations').send({ startsOn: '2026-07-01', text: 'Draft' });
    const id = created.body.id as string;
    const moved = await a.agent.patch(`/api/v1/annotations/${id}`).send({ startsOn: '2026-07-03', text: 'Radio spot' });
    expect(moved.status).toBe(200);
    // A one-day note moves as a whole.
    expect(moved.body).toMatchObject({ startsOn: '2026-07-03', endsOn: '2026-07-03', text: 'Radio spot' });
    const tied = await a.agent.patch(`/api/v1/annotations/${id}`).send({ campaignId: autumn, endsOn: '2026-07-05' });
    expect(tied.body).toMatchObject({ endsOn: '2026-07-05', campaign: { id: autumn } });
    const untied = await a.agent.patch(`/api/v1/annotations/${id}`).send({ campaignId: null });
    expect(untied.body.campaign).toBeNull();
    expect((await a.agent.delete(`/api/v1/annotations/${id}`)).status).toBe(204);
    expect(notes(await list(a, 'from=2026-07-01&to=2026-07-31'))).toEqual([]);
    expect((await a.agent.delete(`/api/v1/annotations/${id}`)).status).toBe(404);

    const audit = await a.agent.get('/api/v1/audit?limit=100').expect(200);
    const mine = (audit.body.items as { action: string; target: { id: string } | null }[])
      .filter((e) => e.target?.id === id)
      .map((e) => e.action);
    expect(mine.sort()).toEqual([
      'annotation.created',
      'annotation.deleted',
      'annotation.updated',
      'annotation.updated',
      'annotation.updated',
    ]);
  });

  it('lets owners and managers edit; analysts and viewers only read', async () => {
    const manager = await a.addMember('manager');
    const analyst = await a.addMember('analyst');
    const viewer = await a.addMember('viewer');
    const created = await manager.agent.post('/api/v1/annotations').send({ startsOn: '2026-08-01', text: 'Launch' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    for (const reader of [analyst, viewer]) {
      expect(notes(await list(reader, 'from=2026-08-01&to=2026-08-31'))).toEqual(['Launch']);
      const post = await reader.agent.post('/api/v1/annotations').send({ startsOn: '2026-08-02', text: 'No' });
      expect(post.status).toBe(403);
      expect(post.body.code).toBe('forbidden_role');
      expect((await reader.agent.patch(`/api/v1/annotations/${id}`).send({ text: 'No' })).status).toBe(403);
      expect((await reader.agent.delete(`/api/v1/annotations/${id}`)).status).toBe(403);
    }
    expect((await manager.agent.patch(`/api/v1/annotations/${id}`).send({ text: 'Launch day' })).status).toBe(200);
    expect((await manager.agent.delete(`/api/v1/annotations/${id}`)).status).toBe(204);
  });

  it.each([
    [
      { startsOn: '2026-05-10', endsOn: '2026-05-09', text: 'x' },
      'invalid_annotation',
      'endsOn',
      'on or after startsOn',
    ],
    [{ startsOn: '2026-02-30', text: 'x' }, 'invalid_annotation', 'startsOn', 'not a real calendar date'],
    [{ startsOn: '2026-01-01', endsOn: '2027-01-02', text: 'x' }, 'invalid_annotation', 'endsOn', 'at most 366 days'],
  ])('refuses %j with %s on %s', async (body, code, field, message) => {
    const res = await a.agent.post('/api/v1/annotations').send(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, details: { field } });
    expect(res.body.message).toContain(message);
  });

  it('states the limit on text length and date format', async () => {
    const long = await a.agent.post('/api/v1/annotations').send({ startsOn: '2026-05-10', text: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.message)).toContain('text must be at most 200 characters');
    const blank = await a.agent.post('/api/v1/annotations').send({ startsOn: '2026-05-10', text: '   ' });
    expect(blank.status).toBe(400);
    expect(JSON.stringify(blank.body.message)).toContain('text must not be empty');
    const format = await a.agent.post('/api/v1/annotations').send({ startsOn: '10/05/2026', text: 'x' });
    expect(JSON.stringify(format.body.message)).toContain('startsOn must be a date as YYYY-MM-DD');
    const query = await a.agent.get('/api/v1/annotations?from=2026-05-31&to=2026-05-01');
    expect(query.status).toBe(400);
    expect(query.body).toMatchObject({ code: 'invalid_annotation_query', details: { field: 'from' } });
    const wide = await a.agent.get('/api/v1/annotations?from=2020-01-01&to=2026-01-01');
    expect(wide.body.message).toContain('at most 800 days');
  });

  it('keeps organisations apart: no reading, editing, deleting or tying to another’s campaign', async () => {
    const note = await a.agent.post('/api/v1/annotations').send({ startsOn: '2026-09-10', text: 'A only' });
    const id = note.body.id as string;
    expect(notes(await list(b, 'from=2026-09-01&to=2026-09-30'))).toEqual([]);
    // B still sees the calendar's observances of the range.
    expect((await list(b, 'from=2026-09-01&to=2026-09-30')).some((i) => i.kind === 'observance')).toBe(true);
    expect((await b.agent.patch(`/api/v1/annotations/${id}`).send({ text: 'B was here' })).status).toBe(404);
    expect((await b.agent.delete(`/api/v1/annotations/${id}`)).status).toBe(404);
    expect(notes(await list(a, 'from=2026-09-01&to=2026-09-30'))).toEqual(['A only']);

    const foreign = await a.agent
      .post('/api/v1/annotations')
      .send({ startsOn: '2026-09-11', text: 'x', campaignId: foreignCampaign });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ code: 'invalid_annotation', details: { field: 'campaignId' } });
    // A's own note can't be tied to B's campaign either.
    expect((await a.agent.patch(`/api/v1/annotations/${id}`).send({ campaignId: foreignCampaign })).status).toBe(400);
  });

  it('deletes a campaign’s notes with the campaign', async () => {
    const doomed = await seeder(app, a.orgId).campaign('doomed');
    await a.agent.post('/api/v1/annotations').send({ startsOn: '2026-10-02', text: 'Doomed note', campaignId: doomed });
    expect(notes(await list(a, 'from=2026-10-01&to=2026-10-31'))).toContain('Doomed note');
    expect((await a.agent.delete(`/api/v1/campaigns/${doomed}`)).status).toBe(204);
    expect(notes(await list(a, 'from=2026-10-01&to=2026-10-31'))).not.toContain('Doomed note');
  });

  it('shows a share link the annotations of its view’s range only, read-only', async () => {
    await a.agent.post('/api/v1/annotations').send({ startsOn: '2026-03-10', text: 'March note' });
    await a.agent.post('/api/v1/annotations').send({ startsOn: '2026-03-12', text: 'Autumn note', campaignId: autumn });
    await a.agent.post('/api/v1/annotations').send({ startsOn: '2026-04-10', text: 'April note' });
    const view = await a.agent.post('/api/v1/saved-views').send({
      name: 'March, spring',
      page: 'overview',
      filters: {
        period: 'custom',
        from: '2026-03-01',
        to: '2026-03-31',
        campaignId: spring,
        platform: null,
        segmentId: null,
        compare: 'none',
      },
    });
    const link = await a.agent.post('/api/v1/share-links').send({ savedViewId: view.body.id, expiresInDays: 7 });
    const opened = await server()
      .post('/api/v1/shared/open')
      .set('X-Forwarded-For', testIp())
      .send({ token: link.body.token });
    const access = opened.body.accessToken as string;
    const shared = await server().get('/api/v1/shared/annotations').set('Authorization', `Share ${access}`);
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });
    const items = shared.body.items as Item[];
    expect(notes(items)).toEqual(['March note']);
    expect(items.some((i) => i.observance?.slug === 'world-bipolar-day')).toBe(true);
    // The view fixes the range: no query can widen it.
    const widened = await server()
      .get('/api/v1/shared/annotations?from=2026-01-01&to=2026-12-31')
      .set('Authorization', `Share ${access}`);
    expect(widened.status).toBe(400);
    // And the share credential reaches neither the annotation routes nor writes.
    for (const res of [
      await server().get('/api/v1/annotations?from=2026-03-01&to=2026-03-31').set('Authorization', `Share ${access}`),
      await server()
        .post('/api/v1/annotations')
        .set('Authorization', `Share ${access}`)
        .send({ startsOn: '2026-03-01', text: 'x' }),
    ]) {
      expect([401, 403]).toContain(res.status);
    }
  });
});
