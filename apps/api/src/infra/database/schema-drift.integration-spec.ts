import { DataSource } from 'typeorm';
import { testDatabaseUrl } from '../../../test/test-app.js';
import { dataSourceOptions } from './data-source-options.js';
import pg from 'pg';

describe('migrations and entities', () => {
  it('agree: after migrating, TypeORM finds nothing to change', async () => {
    const lock = new pg.Client({ connectionString: testDatabaseUrl() });
    await lock.connect();
    const dataSource = new DataSource(dataSourceOptions(testDatabaseUrl(), { poolSize: 2 }));
    try {
      await lock.query('SELECT pg_advisory_lock(727274)');
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await lock.query('SELECT pg_advisory_unlock(727274)');
      await lock.end();
      if (dataSource.isInitialized) await dataSource.destroy();
    }
  });
});
