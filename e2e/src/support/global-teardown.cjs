const fs = require('node:fs');
const { Client } = require('pg');

module.exports = async function globalTeardown() {
  const state = globalThis.__RESONANCE_E2E__;
  if (!state) return;
  const { child } = state;
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    let timer;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
    clearTimeout(timer);
  }
  if (state.database) {
    const client = new Client({ connectionString: state.database.serverUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(state.database.name)} WITH (FORCE)`);
    await client.end();
  }
  fs.rmSync(state.tmp, { recursive: true, force: true });
};
