import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { BY_ID_CASES, FIXTURES, LIST_CASES } from '../../test/isolation-cases.js';
import { createTestApp } from '../../test/test-app.js';
import { twoTenants, type Tenant } from '../../test/tenancy.js';

describe('tenant isolation', () => {
  let app: NestExpressApplication;
  let a: Tenant;
  let b: Tenant;
  const aIds: Record<string, string> = {};
  let bReadKey: string;

  beforeAll(async () => {
    app = await createTestApp();
    ({ a, b } = await twoTenants(app));
    for (const [name, make] of Object.entries(FIXTURES)) aIds[name] = await make(a, app);
    bReadKey = (await b.apiKey(['read'])).key;
  });

  afterAll(async () => {
    await app.close();
  });

  /** Everything that would betray tenant A in an answer to B. */
  const secretsOfA = (): string[] => [a.orgId, a.ownerId, a.owner.email, ...Object.values(aIds)];

  it.each(BY_ID_CASES)('$method $path with A’s $idFrom answers 404 to B', async ({ method, path, idFrom, body }) => {
    const id = aIds[idFrom];
    if (!id) throw new Error(`no fixture ${idFrom}`);
    const res = await b.agent[method](path.replace(':id', id)).send(body ?? {});
    expect(res.status).toBe(404);
  });

  it.each(LIST_CASES)('GET $path shows B nothing of A', async ({ path, keyScope }) => {
    const res = await b.agent.get(path).expect(200);
    const text = JSON.stringify(res.body);
    for (const secret of secretsOfA()) expect(text).not.toContain(secret);
    if (keyScope) {
      const viaKey = await request(app.getHttpServer())
        .get(path)
        .set('Authorization', `Bearer ${bReadKey}`)
        .expect(200);
      const keyText = JSON.stringify(viaKey.body);
      for (const secret of secretsOfA()) expect(keyText).not.toContain(secret);
    }
  });

  it('leaves A’s resources untouched after B’s attempts', async () => {
    const members = await a.agent.get('/api/v1/members').expect(200);
    const member = members.body.items.find((m: { id: string }) => m.id === aIds['member']);
    expect(member).toMatchObject({ role: 'viewer' });
    const keys = await a.agent.get('/api/v1/api-keys').expect(200);
    expect(keys.body.items.find((k: { id: string }) => k.id === aIds['apiKey'])).toMatchObject({ revokedAt: null });
  });
});
