import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import { FirstRunService } from '../src/bootstrap/first-run.service.js';
import { createApp } from '../src/create-app.js';
import { parseConfig, type AppConfig } from '../src/infra/config/app-config.js';

export function testDatabaseUrl(): string {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set: the jest global setup provides it');
  return url;
}

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    RESONANCE_DASHBOARD_DIR: 'none',
    RESONANCE_SEED_DEMO: 'false',
    ...overrides,
  });
}

/** Suites run in parallel: one migrates at a time, the rest find the schema current. */
export async function migrateOnce(app: NestExpressApplication): Promise<void> {
  const lock = new pg.Client({ connectionString: testDatabaseUrl() });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(727274)');
    await app.get(FirstRunService).migrate();
  } finally {
    await lock.query('SELECT pg_advisory_unlock(727274)').catch(() => undefined);
    await lock.end();
  }
}

/** The real app on the test database, migrated, listening on an ephemeral port. */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<NestExpressApplication> {
  const config = testConfig(overrides);
  const app = await createApp({ config, databaseUrl: testDatabaseUrl() });
  await migrateOnce(app);
  await app.init();
  return app;
}
