import type { NestExpressApplication } from '@nestjs/platform-express';
import { CSRF_HEADER } from '@resonance/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, signIn, testIp, type Tenant } from '../../test/tenancy.js';

function setCookies(res: request.Response): string[] {
  const raw = res.headers['set-cookie'] as string[] | string | undefined;
  return Array.isArray(raw) ? raw : raw ? [raw] : [];
}

describe('auth', () => {
  let app: NestExpressApplication;
  let tenant: Tenant;

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const http = () => request(app.getHttpServer());

  it('signs in: httpOnly SameSite=Lax session cookie, readable CSRF cookie, and the /auth/me shape', async () => {
    const res = await http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', testIp())
      .send({ email: tenant.owner.email.toUpperCase(), password: tenant.owner.password })
      .expect(200);
    expect(res.body).toEqual({
      user: { id: tenant.ownerId, email: tenant.owner.email, role: 'owner' },
      organization: { id: tenant.orgId, name: expect.any(String), suppressionThreshold: 11 },
    });
    const [session, csrf] = ['resonance_session=', 'resonance_csrf='].map((n) =>
      setCookies(res).find((c) => c.startsWith(n)),
    );
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    expect(csrf).toBeDefined();
    expect(csrf).not.toMatch(/HttpOnly/);
    await tenant.agent.get('/api/v1/auth/me').expect(200);
  });

  it('marks the cookies Secure when secure cookies are configured', async () => {
    const secure = await createTestApp({ RESONANCE_SECURE_COOKIES: 'true' });
    try {
      const res = await request(secure.getHttpServer())
        .post('/api/v1/auth/login')
        .send({ email: tenant.owner.email, password: tenant.owner.password })
        .expect(200);
      for (const cookie of setCookies(res)) expect(cookie).toMatch(/; Secure/);
    } finally {
      await secure.close();
    }
  });

  it('says only "Email or password is incorrect" for an unknown email and for a wrong password', async () => {
    const ip = testIp();
    const unknown = await http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email: 'nobody@nowhere.test', password: 'x'.repeat(12) })
      .expect(401);
    const wrong = await http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email: tenant.owner.email, password: 'not the password' })
      .expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toMatchObject({ code: 'invalid_credentials', message: 'Email or password is incorrect.' });
  });

  it('locks sign-in for 15 minutes after 5 failures, saying when to retry', async () => {
    const victim = await tenant.addMember('viewer');
    const attempt = (password: string) =>
      http().post('/api/v1/auth/login').set('X-Forwarded-For', testIp()).send({ email: victim.email, password });
    for (let i = 0; i < 4; i++) await attempt('wrong password!').expect(401);
    const fifth = await attempt('wrong password!').expect(429);
    expect(fifth.body.code).toBe('account_locked');
    expect(fifth.body.message).toMatch(/locked for 15 more minutes/);
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(800);
    // Even the right password is refused while locked.
    await attempt(victim.password).expect(429);
    // Once the lock has passed, the right password works again.
    await app
      .get(DataSource)
      .query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [victim.id]);
    await attempt(victim.password).expect(200);
  });

  it('rejects a cookie-authenticated change without the right CSRF header, accepts it with', async () => {
    const me = await signIn(app, tenant.owner);
    const missing = await http().post('/api/v1/auth/logout').set('Cookie', me.sessionCookie).expect(403);
    expect(missing.body).toMatchObject({ code: 'csrf_failed', message: expect.stringContaining(CSRF_HEADER) });
    await http().post('/api/v1/auth/logout').set('Cookie', me.sessionCookie).set(CSRF_HEADER, 'guess').expect(403);
    // GET needs no header.
    await http().get('/api/v1/auth/me').set('Cookie', me.sessionCookie).expect(200);
    await http().post('/api/v1/auth/logout').set('Cookie', me.sessionCookie).set(CSRF_HEADER, me.csrfToken).expect(204);
  });

  it('logout ends the session: the old cookie no longer works', async () => {
    const me = await signIn(app, tenant.owner);
    const res = await me.agent.post('/api/v1/auth/logout').expect(204);
    expect(setCookies(res).some((c) => c.startsWith('resonance_session=;'))).toBe(true);
    const after = await http().get('/api/v1/auth/me').set('Cookie', me.sessionCookie).expect(401);
    expect(after.body.code).toBe('session_expired');
  });

  it('answers 401 without a session', async () => {
    const res = await http().get('/api/v1/auth/me').expect(401);
    expect(res.body.code).toBe('unauthenticated');
  });

  it('refuses sign-up when it is off, with a message saying how to turn it on', async () => {
    const res = await http()
      .post('/api/v1/auth/signup')
      .send({ organizationName: 'Nope', email: 'x@example.org', password: 'long enough password' })
      .expect(403);
    expect(res.body).toMatchObject({
      code: 'signup_disabled',
      message: expect.stringContaining('RESONANCE_ALLOW_SIGNUP'),
    });
  });

  it('signs up a new organisation and its owner when sign-up is on', async () => {
    const open = await createTestApp({ RESONANCE_ALLOW_SIGNUP: 'true' });
    try {
      const agent = request.agent(open.getHttpServer());
      const email = `founder-${Date.now()}@example.org`;
      const short = await agent
        .post('/api/v1/auth/signup')
        .send({ organizationName: 'Hope Line', email, password: 'short' })
        .expect(400);
      expect(short.body.message).toContain('at least 12 characters');
      const res = await agent
        .post('/api/v1/auth/signup')
        .send({ organizationName: 'Hope Line', email, password: 'a long enough password' })
        .expect(201);
      expect(res.body).toMatchObject({ user: { email, role: 'owner' }, organization: { name: 'Hope Line' } });
      await agent.get('/api/v1/auth/me').expect(200);
      const again = await agent
        .post('/api/v1/auth/signup')
        .send({ organizationName: 'Hope Line 2', email, password: 'a long enough password' })
        .expect(409);
      expect(again.body.code).toBe('email_taken');
    } finally {
      await open.close();
    }
  });

  it('throttles sign-in per client IP with 429 and Retry-After', async () => {
    const limited = await createTestApp({ RESONANCE_AUTH_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const ip = testIp();
      const attempt = (from: string) =>
        request(limited.getHttpServer())
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', from)
          .send({ email: 'a@b.test', password: 'x' });
      for (let i = 0; i < 3; i++) await attempt(ip).expect(401);
      const res = await attempt(ip).expect(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.body).toMatchObject({
        code: 'too_many_requests',
        message: expect.stringContaining('3 per 60 seconds'),
      });
      await attempt(testIp()).expect(401);
    } finally {
      await limited.close();
    }
  });

  it('answers an over-limit JSON body with 413 stating the limit', async () => {
    const small = await createTestApp({ RESONANCE_BODY_LIMIT_BYTES: '1024' });
    try {
      const res = await request(small.getHttpServer())
        .post('/api/v1/auth/login')
        .send({ email: 'a@b.test', password: 'x'.repeat(4000) })
        .expect(413);
      expect(res.body).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('1024 bytes') });
    } finally {
      await small.close();
    }
  });

  it('writes sign-in success, failure and logout to the audit log with actor and IP, never the password', async () => {
    const member = await tenant.addMember('analyst');
    const badIp = testIp();
    await http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', badIp)
      .send({ email: member.email, password: 'Wrong-password-123' })
      .expect(401);
    await member.agent.post('/api/v1/auth/logout').expect(204);
    const res = await tenant.agent.get('/api/v1/audit?limit=200').expect(200);
    const mine = res.body.items.filter((e: { target: { id: string } | null }) => e.target?.id === member.id);
    expect(mine).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'auth.login_succeeded',
          ip: member.ip,
          actor: expect.objectContaining({ userId: member.id, email: member.email }),
        }),
        expect.objectContaining({ action: 'auth.login_failed', ip: badIp, details: { reason: 'wrong_password' } }),
        expect.objectContaining({
          action: 'auth.logout',
          ip: member.ip,
          actor: expect.objectContaining({ userId: member.id }),
        }),
        expect.objectContaining({
          action: 'member.created',
          actor: expect.objectContaining({ userId: tenant.ownerId }),
        }),
      ]),
    );
    expect(JSON.stringify(res.body)).not.toContain('Wrong-password-123');
    expect(JSON.stringify(res.body)).not.toContain(member.password);
  });
});
