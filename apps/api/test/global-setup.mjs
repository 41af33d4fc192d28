// Gives every jest run its own fresh database: a new database on the server named by
// DATABASE_URL (on every node of a Citus cluster when it names a coordinator, see citus.mjs), or an
// embedded PostgreSQL in a throwaway folder. Workers inherit the URL.
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { citusNodes, joinCitusCluster, migrateCitusDatabase } from './citus.mjs';

export default async function globalSetup() {
  const name = `resonance_test_${Date.now()}_${process.pid}`;
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    // A Citus coordinator: the database is made on every node and distributed by the migrations.
    const nodes = await citusNodes(client);
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    await client.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    if (nodes) {
      await joinCitusCluster(serverUrl, nodes, name);
      await migrateCitusDatabase(url.toString());
    }
    globalThis.__RESONANCE_TEST_DB__ = { kind: 'server', serverUrl, name, nodes };
    process.env.DATABASE_URL = url.toString();
    return;
  }
  // The test target builds the api first, so the app's own embedded start is used here.
  const { startEmbeddedPostgres } = await import('../dist/infra/database/embedded-postgres.js');
  const dataDir = path.join(os.tmpdir(), `resonance-test-${process.pid}-${Date.now()}`, 'pg');
  const db = await startEmbeddedPostgres({ dataDir, database: name, throwaway: true });
  globalThis.__RESONANCE_TEST_DB__ = { kind: 'embedded', db, dataDir };
  process.env.DATABASE_URL = db.url;
}
