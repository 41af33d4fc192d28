import os from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { publishedFor } from '../../../test/published.js';
import { createTenant, type Tenant } from '../../../test/tenancy.js';
import { FirstRunService } from '../../bootstrap/first-run.service.js';
import { createApp } from '../../create-app.js';
import { parseConfig } from '../config/app-config.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { pgPool } from './pg-transaction.js';

const DAY = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);

function events(prefix: string, n: number): object[] {
  return Array.from({ length: n }, (_, i) => ({
    eventId: `${prefix}-${i}`,
    occurredAt: `${DAY}T${String(i % 24).padStart(2, '0')}:00:00Z`,
    campaign: 'outage',
    creative: `c${i % 3}`,
    platform: 'instagram',
    type: 'impression',
  }));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The api on a PostgreSQL of its own (embedded, throwaway), which this suite stops, restarts and
 * whose backends it terminates: the process must stay up, answer 503 + Retry-After while the
 * database is away, and serve again by itself.
 */
describe('database faults', () => {
  let db: EmbeddedDatabase;
  let app: NestExpressApplication;
  let admin: pg.Client;
  let org: Tenant;
  let key: string;

  beforeAll(async () => {
    const dataDir = path.join(os.tmpdir(), `resonance-outage-${process.pid}-${Date.now()}`, 'pg');
    db = await startEmbeddedPostgres({ dataDir, throwaway: true });
    const config = parseConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      RESONANCE_DASHBOARD_DIR: 'none',
      RESONANCE_SEED_DEMO: 'false',
    });
    app = await createApp({ config, databaseUrl: db.url });
    await app.get(FirstRunService).migrate();
    await app.init();
    org = await createTenant(app);
    key = (await org.apiKey(['ingest'])).key;
    await org.agent.post('/api/v1/campaigns').send({ key: 'outage', name: 'Outage' }).expect(201);
  }, 120_000);

  afterAll(async () => {
    await admin?.end().catch(() => undefined);
    await app?.close();
    await db?.stop();
  });

  const server = () => app.getHttpServer();
  const postJson = (body: object[]) =>
    request(server()).post('/api/v1/events').set('Authorization', `Bearer ${key}`).send(body);
  const postNdjson = (body: object[]) =>
    request(server())
      .post('/api/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/x-ndjson')
      .send(body.map((e) => JSON.stringify(e)).join('\n'));
  const summary = () => org.agent.get('/api/v1/analytics/summary').query({ campaign: 'outage', from: DAY, to: DAY });

  async function waitForHealthy(): Promise<void> {
    for (let i = 0; i < 150; i++) {
      const res = await request(server()).get('/api/v1/health');
      if (res.status === 200) return;
      await sleep(200);
    }
    throw new Error('the api did not recover after the database came back');
  }

  it('answers 503 with Retry-After on every route while the database is stopped, then serves again by itself', async () => {
    await postJson(events('before', 30)).expect(200);
    await db.halt('fast');
    try {
      const health = await request(server()).get('/api/v1/health');
      expect(health.status).toBe(503);
      expect(health.headers['retry-after']).toBe('5');
      expect(health.body).toMatchObject({ status: 'unavailable', database: 'down' });

      for (const res of [await postJson(events('during', 5)), await postNdjson(events('during', 5)), await summary()]) {
        expect(res.status).toBe(503);
        expect(res.headers['retry-after']).toBe('5');
        expect(res.body).toMatchObject({ statusCode: 503, code: 'database_unavailable' });
      }
      // The background cube refresher runs every 2 s: let it meet the stopped database too.
      await sleep(4_500);
    } finally {
      await db.resume();
    }

    await waitForHealthy();
    const resent = await postJson([...events('before', 30), ...events('during', 5)]).expect(200);
    expect(resent.body).toMatchObject({ accepted: 5, duplicates: 30, rejected: 0 });
    const res = await summary().expect(200);
    // Published under cell-key perturbation: the published form of exactly 35 impressions.
    expect(res.body.current.impressions).toBe(
      (await publishedFor(app, org.orgId)).count({ impressions: 35 }, 'impressions'),
    );
  }, 90_000);

  it('survives a connection killed while a feature holds it between statements (as the cube builder and ingest do)', async () => {
    // The suite's own connection, opened after the restart above.
    admin = new pg.Client({ connectionString: db.url, application_name: 'outage-test' });
    await admin.connect();
    const client = await pgPool(app.get(DataSource)).connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
    await sleep(300);
    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release();
    await request(server()).get('/api/v1/health').expect(200);
  }, 30_000);

  it('keeps serving while pg_terminate_backend cuts its connections mid-ingest; resent batches count once', async () => {
    const batch = events('storm', 12_000);
    let killing = true;
    let killed = 0;
    const killer = (async () => {
      while (killing) {
        const res = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = 'resonance-api' AND pid <> pg_backend_pid()`,
        );
        killed += res.rowCount ?? 0;
        await sleep(40);
      }
    })();
    const first = await postNdjson(batch);
    killing = false;
    await killer;
    expect(killed).toBeGreaterThan(0);
    expect([200, 503]).toContain(first.status);
    if (first.status === 503) {
      expect(first.headers['retry-after']).toBe('5');
      expect(first.body.code).toMatch(/^(ingest_interrupted|database_unavailable)$/);
    }

    // The client resends what was not acknowledged; rows already stored come back as duplicates.
    let accepted = first.status === 200 ? (first.body.accepted as number) : (first.body.details?.accepted ?? 0);
    let settled = first.status === 200;
    for (let attempt = 0; attempt < 10 && !settled; attempt++) {
      const again = await postNdjson(batch);
      if (again.status === 200) {
        accepted += again.body.accepted as number;
        expect(again.body.accepted + again.body.duplicates).toBe(batch.length);
        settled = true;
      } else {
        await sleep(500);
      }
    }
    expect(settled).toBe(true);
    const [stored] = await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM events WHERE org_id = $1 AND event_id LIKE 'storm-%'`, [org.orgId]);
    expect(stored.n).toBe(batch.length);
    expect(accepted).toBeLessThanOrEqual(batch.length);
    const res = await summary().expect(200);
    const published = await publishedFor(app, org.orgId);
    expect(res.body.current.impressions).toBe(published.count({ impressions: 35 + batch.length }, 'impressions'));
  }, 120_000);
});
