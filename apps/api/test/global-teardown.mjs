import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { dropOnWorkers } from './citus.mjs';

export default async function globalTeardown() {
  const state = globalThis.__RESONANCE_TEST_DB__;
  if (!state) return;
  if (state.kind === 'server') {
    const client = new pg.Client({ connectionString: state.serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(state.name)} WITH (FORCE)`);
    await client.end();
    if (state.nodes) await dropOnWorkers(state.serverUrl, state.nodes, state.name);
  } else {
    await state.db.stop();
    await fs.rm(path.dirname(state.dataDir), { recursive: true, force: true });
  }
}
