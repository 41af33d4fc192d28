import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/** The pg pool under TypeORM's PostgreSQL driver, for statements TypeORM can't express (unnest, COPY). */
export function pgPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/** Runs `fn` in one transaction on a pooled pg client: committed when it resolves, rolled back when it throws. */
export function withPgTransaction<T>(dataSource: DataSource, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  // Pooled clients are ResilientPgClient (data-source-options.ts): they listen for their own 'error'.
  return withPoolTransaction(pgPool(dataSource), fn);
}

/** withPgTransaction on a pool of its own (a worker thread's). */
export async function withPoolTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
