import type { DataSourceOptions } from 'typeorm';
import { ResilientPgClient } from './connection-faults.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { QuietTypeOrmLogger } from './typeorm-logger.js';

export function dataSourceOptions(url: string, overrides: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: ['error', 'warn'],
    logger: new QuietTypeOrmLogger(),
    poolSize: overrides.poolSize ?? 10,
    extra: {
      application_name: 'resonance-api',
      // Every pooled client listens for its own connection errors (see ResilientPgClient).
      Client: ResilientPgClient,
      // A request waits at most this long for a connection (a full pool, an unreachable server),
      // then answers 503 rather than hanging.
      connectionTimeoutMillis: 30_000,
      // Notices a server that vanished without closing the socket (failover, a dropped network).
      keepAlive: true,
    },
  };
}
