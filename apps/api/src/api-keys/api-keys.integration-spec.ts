import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';

describe('API keys', () => {
  let app: NestExpressApplication;
  let tenant: Tenant;

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const withKey = (key: string) => ({
    get: (path: string) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${key}`),
    post: (path: string) => request(app.getHttpServer()).post(path).set('Authorization', `Bearer ${key}`),
    delete: (path: string) => request(app.getHttpServer()).delete(path).set('Authorization', `Bearer ${key}`),
  });

  it('creates a key shown once, lists it without the secret, uses it, revokes it, then refuses it', async () => {
    const created = await tenant.agent
      .post('/api/v1/api-keys')
      .send({ name: 'Website', scopes: ['read'] })
      .expect(201);
    const { id, key, prefix } = created.body as { id: string; key: string; prefix: string };
    expect(created.body).toEqual({ id, name: 'Website', scopes: ['read'], prefix, key, createdAt: expect.any(String) });
    expect(key).toMatch(/^rsn_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toBe(key.slice(0, 8));

    const listed = await tenant.agent.get('/api/v1/api-keys').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(key.slice(8));
    const row = listed.body.items.find((k: { id: string }) => k.id === id);
    expect(row).toEqual({
      id,
      name: 'Website',
      scopes: ['read'],
      prefix,
      createdAt: expect.any(String),
      createdBy: tenant.ownerId,
      lastUsedAt: null,
      revokedAt: null,
    });

    const org = await withKey(key).get('/api/v1/organization').expect(200);
    expect(org.body.id).toBe(tenant.orgId);
    const afterUse = await tenant.agent.get('/api/v1/api-keys').expect(200);
    expect(afterUse.body.items.find((k: { id: string }) => k.id === id).lastUsedAt).not.toBeNull();

    await tenant.agent.delete(`/api/v1/api-keys/${id}`).expect(204);
    const refused = await withKey(key).get('/api/v1/organization').expect(401);
    expect(refused.body.code).toBe('invalid_api_key');
    const afterRevoke = await tenant.agent.get('/api/v1/api-keys').expect(200);
    expect(afterRevoke.body.items.find((k: { id: string }) => k.id === id).revokedAt).not.toBeNull();
  });

  it('writes last_used_at at most once a minute, not on every request', async () => {
    const { id, key } = await tenant.apiKey(['read']);
    const db = app.get(DataSource);
    await withKey(key).get('/api/v1/organization').expect(200);
    const [first] = await db.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [id]);
    await withKey(key).get('/api/v1/organization').expect(200);
    const [second] = await db.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [id]);
    expect(second.last_used_at).toEqual(first.last_used_at);
  });

  it('refuses unknown keys with 401', async () => {
    const res = await withKey('rsn_not-a-real-key-at-all-not-a-real-key-at-all')
      .get('/api/v1/organization')
      .expect(401);
    expect(res.body.code).toBe('invalid_api_key');
  });

  it('keeps keys to the scopes their routes name', async () => {
    const read = await tenant.apiKey(['read']);
    const ingest = await tenant.apiKey(['ingest']);
    // A read key cannot reach owner routes that name no scope, whatever the method (and needs no CSRF header).
    expect((await withKey(read.key).get('/api/v1/members').expect(403)).body.code).toBe('api_key_not_allowed');
    expect(
      (
        await withKey(read.key)
          .post('/api/v1/api-keys')
          .send({ name: 'x', scopes: ['read'] })
          .expect(403)
      ).body.code,
    ).toBe('api_key_not_allowed');
    expect((await withKey(read.key).delete(`/api/v1/api-keys/${read.id}`).expect(403)).body.code).toBe(
      'api_key_not_allowed',
    );
    // An ingest key cannot read.
    const denied = await withKey(ingest.key).get('/api/v1/organization').expect(403);
    expect(denied.body).toMatchObject({ code: 'missing_scope', message: expect.stringContaining("'read'") });
  });

  it('lets owners and managers manage keys, not analysts or viewers', async () => {
    const viewer = await tenant.addMember('viewer');
    const analyst = await tenant.addMember('analyst');
    const manager = await tenant.addMember('manager');
    const res = await viewer.agent
      .post('/api/v1/api-keys')
      .send({ name: 'x', scopes: ['read'] })
      .expect(403);
    expect(res.body).toMatchObject({ code: 'forbidden_role', message: expect.stringContaining('owner or manager') });
    await analyst.agent.get('/api/v1/api-keys').expect(403);
    await manager.agent
      .post('/api/v1/api-keys')
      .send({ name: 'manager key', scopes: ['ingest'] })
      .expect(201);
  });

  it('validates names and scopes with messages naming the field', async () => {
    const res = await tenant.agent
      .post('/api/v1/api-keys')
      .send({ name: 'x', scopes: ['write'] })
      .expect(400);
    expect(res.body.message).toContain('each scope must be one of ingest, read, import');
    await tenant.agent.post('/api/v1/api-keys').send({ name: 'x', scopes: [] }).expect(400);
  });

  it('audits creation and revocation with actor and IP', async () => {
    const { id } = await tenant.apiKey(['ingest'], 'Audited');
    await tenant.agent.delete(`/api/v1/api-keys/${id}`).expect(204);
    const audit = await tenant.agent.get('/api/v1/audit?limit=200').expect(200);
    const events = audit.body.items.filter((e: { target: { id: string } | null }) => e.target?.id === id);
    const expected = (action: string) =>
      expect.objectContaining({ action, ip: tenant.ip, actor: expect.objectContaining({ userId: tenant.ownerId }) });
    expect(events).toEqual(expect.arrayContaining([expected('api_key.created'), expected('api_key.revoked')]));
  });
});
