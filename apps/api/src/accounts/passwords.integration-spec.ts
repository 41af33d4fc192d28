import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AuditEventView } from '@resonance/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MAX_FAILED_LOGINS } from '../auth/auth.service.js';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, signIn, testIp, type Tenant } from '../../test/tenancy.js';

const STRONG = 'violet tractor lantern 91';
// Each test runs several argon2 checks (~0.1 s idle, seconds on a loaded 2-core machine).
const SLOW_MS = 180_000;

describe('passwords: lockout, strength, change and owner-issued reset', () => {
  let app: NestExpressApplication;
  let tenant: Tenant;

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
  }, SLOW_MS);

  afterAll(async () => {
    await app.close();
  });

  const http = () => request(app.getHttpServer());
  const audit = async (action: string): Promise<AuditEventView[]> => {
    const res = await tenant.agent.get('/api/v1/audit').query({ limit: 200 }).expect(200);
    return (res.body.items as AuditEventView[]).filter((e) => e.action === action);
  };

  it(
    'checks exactly 5 passwords out of 30 concurrent wrong ones; the rest are refused as locked',
    async () => {
      const victim = await tenant.addMember('viewer');
      const answers = await Promise.all(
        Array.from({ length: 30 }, () =>
          http()
            .post('/api/v1/auth/login')
            .set('X-Forwarded-For', testIp())
            .send({ email: victim.email, password: 'wrong password, try 1' }),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 401)).toHaveLength(MAX_FAILED_LOGINS - 1);
      expect(statuses.filter((s) => s === 429)).toHaveLength(30 - (MAX_FAILED_LOGINS - 1));
      for (const a of answers.filter((x) => x.status === 429)) expect(a.body.code).toBe('account_locked');
      const failures = (await audit('auth.login_failed')).filter((e) => e.target?.id === victim.id);
      expect(failures.filter((e) => e.details['reason'] === 'wrong_password')).toHaveLength(MAX_FAILED_LOGINS);
      expect(failures.filter((e) => e.details['reason'] === 'locked')).toHaveLength(30 - MAX_FAILED_LOGINS);
      // Still locked for the right password too.
      await http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', testIp())
        .send({ email: victim.email, password: victim.password })
        .expect(429);
    },
    SLOW_MS,
  );

  it.each([
    ['twelve spaces', ' '.repeat(12), /at least 12 characters/],
    ['a repeated letter', 'aaaaaaaaaaaa', /too easy to guess/],
    ['a common password', 'password1234', /too easy to guess/],
    ['the email itself', 'EMAIL', /must not be or contain your email address/],
  ])(
    'refuses a new member whose password is %s, saying why and what to do',
    async (_, password, reason) => {
      const email = `weak-${Math.random().toString(36).slice(2)}@test.resonance.local`;
      const res = await tenant.agent
        .post('/api/v1/members')
        .send({ email, password: password === 'EMAIL' ? email : password, role: 'viewer' })
        .expect(400);
      expect(res.body).toMatchObject({
        code: 'weak_password',
        message: expect.stringMatching(reason),
        details: expect.objectContaining({ field: 'password' }),
      });
      expect(res.body.message).toMatch(/passphrase/);
    },
    SLOW_MS,
  );

  it(
    'changes one’s own password with the current one; other sessions end, this one stays',
    async () => {
      const member = await tenant.addMember('analyst');
      const other = await signIn(app, { email: member.email, password: member.password });
      const wrong = await member.agent
        .post('/api/v1/auth/password')
        .send({ currentPassword: 'not my password at all', newPassword: STRONG })
        .expect(400);
      expect(wrong.body).toMatchObject({ code: 'wrong_current_password', details: { field: 'currentPassword' } });
      const weak = await member.agent
        .post('/api/v1/auth/password')
        .send({ currentPassword: member.password, newPassword: 'password1234' })
        .expect(400);
      expect(weak.body.code).toBe('weak_password');

      await member.agent
        .post('/api/v1/auth/password')
        .send({ currentPassword: member.password, newPassword: STRONG })
        .expect(204);
      await member.agent.get('/api/v1/auth/me').expect(200);
      await other.agent.get('/api/v1/auth/me').expect(401);
      await http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', testIp())
        .send({ email: member.email, password: member.password })
        .expect(401);
      await signIn(app, { email: member.email, password: STRONG });
      const changed = (await audit('auth.password_changed')).filter((e) => e.target?.id === member.id);
      expect(changed.map((e) => e.details['succeeded'])).toEqual(expect.arrayContaining([true, false]));
    },
    SLOW_MS,
  );

  it(
    'lets an owner issue a one-time, expiring reset link; the member sets a new password with it',
    async () => {
      const member = await tenant.addMember('manager');
      // Only owners issue links.
      await member.agent.post(`/api/v1/members/${member.id}/password-reset`).expect(403);
      const issued = await tenant.agent.post(`/api/v1/members/${member.id}/password-reset`).expect(201);
      expect(issued.body.path).toBe(`/reset-password?token=${issued.body.token as string}`);
      expect(Date.parse(issued.body.expiresAt as string)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
      // The token is stored hashed.
      const stored = await app
        .get(DataSource)
        .query<{ token_hash: string }[]>(`SELECT token_hash FROM password_resets WHERE user_id = $1`, [member.id]);
      expect(stored.map((r) => r.token_hash)).not.toContain(issued.body.token);

      const weak = await http()
        .post('/api/v1/auth/password-reset')
        .set('X-Forwarded-For', testIp())
        .send({ token: issued.body.token, newPassword: member.email })
        .expect(400);
      expect(weak.body.code).toBe('weak_password');
      await http()
        .post('/api/v1/auth/password-reset')
        .set('X-Forwarded-For', testIp())
        .send({ token: issued.body.token, newPassword: STRONG })
        .expect(204);
      // Every session of the member ends; the new password signs in.
      await member.agent.get('/api/v1/auth/me').expect(401);
      await signIn(app, { email: member.email, password: STRONG });
      const reused = await http()
        .post('/api/v1/auth/password-reset')
        .set('X-Forwarded-For', testIp())
        .send({ token: issued.body.token, newPassword: 'another fine passphrase 7' })
        .expect(400);
      expect(reused.body).toMatchObject({ code: 'reset_link_invalid', details: { field: 'token' } });
      expect(reused.body.message).toMatch(/Ask an owner/);

      const issuedEvents = (await audit('member.password_reset_issued')).filter((e) => e.target?.id === member.id);
      expect(issuedEvents).toHaveLength(1);
      const resets = (await audit('auth.password_reset')).filter((e) => e.target?.id === member.id);
      expect(resets).toHaveLength(1);
    },
    SLOW_MS,
  );

  it(
    'refuses an expired link and one replaced by a newer link',
    async () => {
      const member = await tenant.addMember('viewer');
      const first = await tenant.agent.post(`/api/v1/members/${member.id}/password-reset`).expect(201);
      const second = await tenant.agent.post(`/api/v1/members/${member.id}/password-reset`).expect(201);
      const send = (token: string) =>
        http()
          .post('/api/v1/auth/password-reset')
          .set('X-Forwarded-For', testIp())
          .send({ token, newPassword: STRONG });
      expect((await send(first.body.token as string).expect(400)).body.code).toBe('reset_link_invalid');
      await app
        .get(DataSource)
        .query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [member.id]);
      expect((await send(second.body.token as string).expect(400)).body.code).toBe('reset_link_invalid');
    },
    SLOW_MS,
  );

  it(
    'answers a NUL byte in the login email or a campaign name with a 400 naming the field',
    async () => {
      const login = await http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', testIp())
        .send({ email: 'a\u0000@b.test', password: 'whatever it is' })
        .expect(400);
      expect(login.body).toMatchObject({ code: 'control_character', details: { field: 'email', codePoint: 'U+0000' } });
      const campaign = await tenant.agent
        .post('/api/v1/campaigns')
        .send({ key: 'nul-test', name: 'Spring\u0000push', objective: 'awareness' })
        .expect(400);
      expect(campaign.body).toMatchObject({ code: 'control_character', details: { field: 'name' } });
      expect(campaign.body.message).toMatch(/^name contains a control character \(U\+0000\) at position 6/);
    },
    SLOW_MS,
  );
});
