import { gzipSync } from 'node:zlib';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../test/test-app.js';
import { createTenant } from '../../test/tenancy.js';

const LIMIT = 1024 * 1024;

describe('HTTP hardening', () => {
  let app: NestExpressApplication;
  let untrusting: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp({ RESONANCE_MAX_INFLATED_BYTES: String(LIMIT) });
    untrusting = await createTestApp({ RESONANCE_TRUST_PROXY: 'false' });
  });

  afterAll(async () => {
    await app?.close();
    await untrusting?.close();
  });

  it('marks every API answer, success or error, as not to be stored by browsers or proxies', async () => {
    const org = await createTenant(app);
    const ok = await org.agent.get('/api/v1/campaigns').expect(200);
    expect(ok.headers['cache-control']).toBe('no-store');
    const refused = await request(app.getHttpServer()).get('/api/v1/campaigns').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const health = await request(app.getHttpServer()).get('/api/v1/health').expect(200);
    expect(health.headers['cache-control']).toBe('no-store');
  });

  it('believes X-Forwarded-For from loopback by default, and not at all with RESONANCE_TRUST_PROXY=false', async () => {
    for (const [target, expectForwarded] of [
      [app, true],
      [untrusting, false],
    ] as const) {
      const org = await createTenant(target);
      await org.apiKey(['ingest']);
      const audit = await org.agent.get('/api/v1/audit').expect(200);
      const created = (audit.body.items as { action: string; ip: string | null }[]).find(
        (e) => e.action === 'api_key.created',
      );
      if (expectForwarded) expect(created?.ip).toBe(org.ip);
      else expect(created?.ip).toBe('127.0.0.1');
    }
  });

  it('never tells an NDJSON client to resend a line the database refuses for what it contains', async () => {
    const org = await createTenant(app);
    const key = (await org.apiKey(['ingest'])).key;
    await org.agent.post('/api/v1/campaigns').send({ key: 'nul', name: 'NUL' }).expect(201);
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const line = JSON.stringify({
      eventId: 'nul-1',
      occurredAt: `${day}T12:00:00Z`,
      campaign: 'nul',
      creative: 'c\u0000',
      platform: 'tiktok',
      type: 'impression',
    });
    const res = await request(app.getHttpServer())
      .post('/api/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(line);
    // Resending the same bytes would fail the same way: a 503 would loop a client forever.
    expect(res.status).not.toBe(503);
    expect(res.headers['retry-after']).toBeUndefined();
  });

  describe('gzip NDJSON ingest', () => {
    async function setup() {
      const org = await createTenant(app);
      const key = (await org.apiKey(['ingest'])).key;
      await org.agent.post('/api/v1/campaigns').send({ key: 'gz', name: 'Gzip' }).expect(201);
      return { org, key };
    }
    const post = (key: string, body: Buffer) =>
      request(app.getHttpServer())
        .post('/api/v1/events')
        .set('Authorization', `Bearer ${key}`)
        .set('Content-Type', 'application/x-ndjson')
        .set('Content-Encoding', 'gzip')
        .send(body);

    it('refuses a gzip bomb with 413 naming the limit, without expanding it', async () => {
      const { key } = await setup();
      // 64 MiB of newlines (64 times the limit) compress to about 64 KB.
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 10), { level: 9 });
      expect(bomb.length).toBeLessThan(LIMIT);
      const res = await post(key, bomb).expect(413);
      expect(res.body).toMatchObject({
        statusCode: 413,
        code: 'inflated_too_large',
        details: { limitBytes: LIMIT, accepted: 0, lastCommittedLine: 0 },
      });
      expect(res.body.message).toContain(`limit of ${LIMIT} bytes`);
    });

    it('keeps the rows committed before the limit and says where to resume', async () => {
      const { org, key } = await setup();
      const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      const lines = Array.from({ length: 8_000 }, (_, i) =>
        JSON.stringify({
          eventId: `gz-${String(i).padStart(6, '0')}`,
          occurredAt: `${day}T12:00:00Z`,
          campaign: 'gz',
          creative: 'c1',
          platform: 'tiktok',
          type: 'impression',
          region: 'GB',
          language: 'en',
        }).padEnd(180, ' '),
      );
      const res = await post(key, gzipSync(lines.join('\n'))).expect(413);
      expect(res.body.details.limitBytes).toBe(LIMIT);
      const committed = res.body.details.lastCommittedLine as number;
      // Whole chunks of at least 5,000 rows commit; the partial one past the limit is dropped.
      expect(committed).toBeGreaterThanOrEqual(5_000);
      expect(committed).toBeLessThan(8_000);
      const [stored] = await app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM events WHERE org_id = $1`, [org.orgId]);
      expect(stored.n).toBe(committed);
      // The rest, as the answer says, in another request.
      const rest = await post(key, gzipSync(lines.slice(committed).join('\n'))).expect(200);
      expect(rest.body).toMatchObject({ accepted: 8_000 - committed, duplicates: 0, rejected: 0 });
    });
  });
});
