import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../create-app.js';
import { testConfig, testDatabaseUrl } from '../../test/test-app.js';
import { DEMO_LOGINS, FirstRunService } from './first-run.service.js';

/** First run needs a database with no organisation, so each case gets its own. */
async function withEmptyDatabase(
  env: Record<string, string>,
  run: (app: NestExpressApplication) => Promise<void>,
): Promise<void> {
  const name = `resonance_first_run_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  let app: NestExpressApplication | undefined;
  try {
    app = await createApp({
      config: testConfig({ ...env, DATABASE_URL: url.toString() }),
      databaseUrl: url.toString(),
    });
    await app.get(FirstRunService).migrate();
    await app.init();
    await run(app);
  } finally {
    await app?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
    await admin.end();
  }
}

describe('first run', () => {
  it('creates the demo organisation with an owner and an analyst who can sign in', async () => {
    await withEmptyDatabase({ RESONANCE_SEED_DEMO: 'true' }, async (app) => {
      const firstRun = app.get(FirstRunService);
      const result = await firstRun.ensureFirstOrganization();
      expect(result).toMatchObject({ created: true, kind: 'demo', organizationId: expect.any(String) });
      expect(result.logins).toEqual([
        { email: 'owner@demo.resonance.local', password: expect.any(String), role: 'owner' },
        { email: 'analyst@demo.resonance.local', password: expect.any(String), role: 'analyst' },
      ]);
      for (const login of DEMO_LOGINS) {
        const res = await request(app.getHttpServer())
          .post('/api/v1/auth/login')
          .send({ email: login.email, password: login.password })
          .expect(200);
        expect(res.body.user.role).toBe(login.role);
        expect(res.body.organization.id).toBe(result.organizationId);
      }
      // A second start finds the organisation and creates nothing.
      expect(await firstRun.ensureFirstOrganization()).toEqual({ created: false, logins: [] });
    });
  });

  it('creates the admin’s organisation and owner from RESONANCE_ADMIN_EMAIL, without repeating the password', async () => {
    const env = {
      RESONANCE_ADMIN_EMAIL: 'Admin@Example.org',
      RESONANCE_ADMIN_PASSWORD: 'an admin password',
      RESONANCE_SEED_DEMO: 'true',
    };
    await withEmptyDatabase(env, async (app) => {
      const result = await app.get(FirstRunService).ensureFirstOrganization();
      expect(result).toMatchObject({ created: true, kind: 'admin', organizationName: 'Resonance' });
      expect(result.logins).toEqual([{ email: 'admin@example.org', role: 'owner' }]);
      await request(app.getHttpServer())
        .post('/api/v1/auth/login')
        .send({ email: 'admin@example.org', password: 'an admin password' })
        .expect(200);
    });
  });
});
