import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service.js';
import { FirstRunService } from '../bootstrap/first-run.service.js';
import { createApp } from '../create-app.js';
import { ConfigError, loadConfigFromEnv } from '../infra/config/app-config.js';
import { resolveDatabase } from '../infra/database/database-url.js';
import { DemoDataService } from './demo-data.service.js';
import { DEFAULT_DEMO_SEED } from './demo-loader.js';

const USAGE = `Usage: node apps/api/dist/demo/generate-cli.js [--events 10000000] [--org <id>] [--seed <n>] [--now <ISO date>]
Generates the demo story into an organisation (default: the oldest one; a new "Benchmark organisation"
when there is none) on DATABASE_URL or the embedded database. Prints one JSON line with the figures.`;

/** Benchmark and demo CLI around DemoDataService.generateDemoData. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '200000' },
      org: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_DEMO_SEED) },
      now: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const events = Number(values.events.replace(/[_,]/g, ''));
  const seed = Number(values.seed);
  const now = values.now ? new Date(values.now) : new Date();
  if (!Number.isInteger(events) || events < 1 || !Number.isInteger(seed) || Number.isNaN(now.getTime())) {
    console.error(`--events and --seed must be whole numbers and --now a date.\n${USAGE}`);
    process.exit(2);
  }

  const logger = new Logger('DemoGenerate');
  const config = loadConfigFromEnv();
  const { url, embedded } = await resolveDatabase(config, (msg) => logger.log(msg));
  const app = await createApp({ config: { ...config, seedDemo: false }, databaseUrl: url });
  try {
    await app.get(FirstRunService).migrate();
    let orgId = values.org;
    if (!orgId) {
      const rows = await app
        .get(DataSource)
        .query<{ id: string }[]>(`SELECT id FROM organizations ORDER BY created_at LIMIT 1`);
      orgId = rows[0]?.id;
    }
    if (!orgId) {
      const { organization } = await app.get(AccountsService).createOrganizationWithOwner({
        name: 'Benchmark organisation',
        email: `bench-${randomBytes(4).toString('hex')}@resonance.local`,
        password: randomBytes(18).toString('base64url'),
      });
      orgId = organization.id;
      logger.log(`Created ${organization.name} ${orgId}`);
    }
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 250);
    const summary = await app
      .get(DemoDataService)
      .generateDemoData({ orgId, events, seed, now })
      .finally(() => clearInterval(sampler));
    process.stdout.write(`${JSON.stringify({ ...summary, peakRssMb: Math.round(peakRss / (1024 * 1024)) })}\n`);
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
