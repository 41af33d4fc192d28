import type { Pool, PoolClient } from 'pg';
import type { DataSource } from 'typeorm';

/** The pg pool under TypeORM's PostgreSQL driver, for statements TypeORM can't express (unnest, COPY). */
export function pgPool(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/** Runs `fn` in one transaction on a pooled pg client: committed when it resolves, rolled back when it throws. */
export async function withPgTransaction<T>(dataSource: DataSource, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  // Pooled clients are ResilientPgClient (data-source-options.ts): they listen for their own 'error'.
  const client = await pgPool(dataSource).connect();
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
