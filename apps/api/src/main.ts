// First: bounds the heap's growth before anything is allocated (see the module).
import './infra/runtime/heap.js';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { FirstRunService } from './bootstrap/first-run.service.js';
import { createApp } from './create-app.js';
import { ConfigError, loadConfigFromEnv } from './infra/config/app-config.js';
import { resolveDatabase } from './infra/database/database-url.js';

async function main(): Promise<void> {
  const started = Date.now();
  const logger = new Logger('Resonance');
  const config = loadConfigFromEnv();
  const { url, embedded } = await resolveDatabase(config, (msg) => logger.log(msg));
  if (embedded) logger.log(`Embedded PostgreSQL running (data in ${config.dataDir})`);

  let shuttingDown = false;
  const app = await createApp({ config, databaseUrl: url }).catch(async (error: unknown) => {
    await embedded?.stop();
    throw error;
  });
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal} received: stopping`);
    try {
      await app.close();
    } finally {
      await embedded?.stop();
      process.exit(0);
    }
  };
  // Last resort only: every known source handles its own errors, so this line in a log is a bug to fix.
  process.on('unhandledRejection', (reason: unknown) => {
    logger.error(
      `Unhandled promise rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    );
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const firstRun = app.get(FirstRunService);
  await firstRun.migrate();
  const seeded = await firstRun.ensureFirstOrganization();
  await app.listen(config.port, config.host);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const lines = [`Resonance is ready at http://localhost:${config.port} (${seconds} s)`];
  lines.push(`API docs: http://localhost:${config.port}/api/docs`);
  if (seeded.created) lines.push(`Created ${seeded.organizationName ?? 'the first organisation'}.`);
  if (seeded.kind === 'demo') lines.push('Demo sign-ins (fixed passwords, for a local demo only):');
  for (const login of seeded.logins) {
    lines.push(`  ${login.role}: ${login.email} / ${login.password ?? '(the password in RESONANCE_ADMIN_PASSWORD)'}`);
  }
  console.log(`\n${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
