import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, signIn, uniqueEmail, type Tenant } from '../../test/tenancy.js';

describe('members, organisation settings and the audit log', () => {
  let app: NestExpressApplication;
  let tenant: Tenant;

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
  });

  afterAll(async () => {
    await app.close();
  });

  it('lets the owner add a member who can then sign in, change their role and remove them', async () => {
    const member = { email: uniqueEmail('new'), password: 'a member password' };
    const created = await tenant.agent
      .post('/api/v1/members')
      .send({ ...member, role: 'analyst' })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: member.email,
      role: 'analyst',
      createdAt: expect.any(String),
      lockedUntil: null,
    });
    const id = created.body.id as string;
    const session = await signIn(app, member);

    const changed = await tenant.agent.patch(`/api/v1/members/${id}`).send({ role: 'manager' }).expect(200);
    expect(changed.body.role).toBe('manager');
    expect((await session.agent.get('/api/v1/auth/me').expect(200)).body.user.role).toBe('manager');

    await tenant.agent.delete(`/api/v1/members/${id}`).expect(204);
    await session.agent.get('/api/v1/auth/me').expect(401);
    const list = await tenant.agent.get('/api/v1/members').expect(200);
    expect(list.body.items.map((m: { id: string }) => m.id)).not.toContain(id);

    const audit = await tenant.agent.get('/api/v1/audit?limit=200').expect(200);
    const events = audit.body.items.filter((e: { target: { id: string } | null }) => e.target?.id === id);
    const expected = (action: string, details: object) =>
      expect.objectContaining({
        action,
        ip: tenant.ip,
        details: expect.objectContaining(details),
        actor: expect.objectContaining({ userId: tenant.ownerId }),
      });
    expect(events).toEqual(
      expect.arrayContaining([
        expected('member.created', { role: 'analyst' }),
        expected('member.role_changed', { from: 'analyst', to: 'manager' }),
        expected('member.removed', { role: 'manager' }),
      ]),
    );
  });

  it('rejects a short password, naming the limit, and an email already in use', async () => {
    const short = await tenant.agent
      .post('/api/v1/members')
      .send({ email: uniqueEmail('s'), password: 'short', role: 'viewer' })
      .expect(400);
    expect(short.body.message).toContain('at least 12 characters');
    const taken = await tenant.agent
      .post('/api/v1/members')
      .send({ email: tenant.owner.email, password: 'long enough pass', role: 'viewer' })
      .expect(409);
    expect(taken.body.code).toBe('email_taken');
  });

  it('never removes or demotes the last owner', async () => {
    const solo = await createTenant(app);
    const demote = await solo.agent.patch(`/api/v1/members/${solo.ownerId}`).send({ role: 'manager' }).expect(409);
    expect(demote.body).toMatchObject({ code: 'last_owner', message: expect.stringContaining('last owner') });
    const remove = await solo.agent.delete(`/api/v1/members/${solo.ownerId}`).expect(409);
    expect(remove.body.code).toBe('last_owner');
    // With a second owner, the first may step down.
    await solo.addMember('owner');
    await solo.agent.patch(`/api/v1/members/${solo.ownerId}`).send({ role: 'manager' }).expect(200);
  });

  it('keeps member management to owners', async () => {
    const manager = await tenant.addMember('manager');
    const res = await manager.agent.get('/api/v1/members').expect(403);
    expect(res.body.code).toBe('forbidden_role');
    await manager.agent
      .post('/api/v1/members')
      .send({ email: uniqueEmail('x'), password: 'long enough pass', role: 'owner' })
      .expect(403);
  });

  it('shows organisation settings to every role and lets only owners change them, never below 11', async () => {
    const viewer = await tenant.addMember('viewer');
    const seen = await viewer.agent.get('/api/v1/organization').expect(200);
    expect(seen.body).toMatchObject({ id: tenant.orgId, suppressionThreshold: 11, isDemo: false });
    await viewer.agent.patch('/api/v1/organization').send({ suppressionThreshold: 20 }).expect(403);

    const low = await tenant.agent.patch('/api/v1/organization').send({ suppressionThreshold: 10 }).expect(400);
    expect(low.body.message).toContain('at least 11');
    const ok = await tenant.agent
      .patch('/api/v1/organization')
      .send({ suppressionThreshold: 15, name: 'Renamed' })
      .expect(200);
    expect(ok.body).toMatchObject({ suppressionThreshold: 15, name: 'Renamed' });
    expect((await tenant.agent.get('/api/v1/auth/me').expect(200)).body.organization).toMatchObject({
      name: 'Renamed',
      suppressionThreshold: 15,
    });
  });

  it('lets only owners read the audit log, paged', async () => {
    const analyst = await tenant.addMember('analyst');
    await analyst.agent.get('/api/v1/audit').expect(403);
    const page = await tenant.agent.get('/api/v1/audit?limit=2&offset=1').expect(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(3);
    const bad = await tenant.agent.get('/api/v1/audit?limit=500').expect(400);
    expect(bad.body.message).toContain('limit must be at most 200');
    await request(app.getHttpServer()).get('/api/v1/audit').expect(401);
  });
});
