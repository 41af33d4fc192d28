import { DataSource } from 'typeorm';
import { loadConfigFromEnv } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { resolveDatabase } from './database-url.js';

/** `npm run db:migrate` (up) and `npm run db:revert` (down: the last migration). */
async function main(direction: string | undefined): Promise<void> {
  if (direction !== 'up' && direction !== 'down') {
    throw new Error(`usage: migrate.js up|down (got '${direction ?? ''}')`);
  }
  const config = loadConfigFromEnv();
  const { url, embedded } = await resolveDatabase(config, (msg) => console.log(msg));
  const dataSource = new DataSource(dataSourceOptions(url, { poolSize: 2 }));
  try {
    await dataSource.initialize();
    if (direction === 'up') {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      console.log(ran.length ? `Applied ${ran.map((m) => m.name).join(', ')}` : 'Schema is up to date.');
    } else {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration.');
    }
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
