// Starts the built app on a free port with a fresh database: a new database on the server
// named by DATABASE_URL, or the app's own embedded PostgreSQL in a throwaway folder.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { Client } = require('pg');

const root = path.resolve(__dirname, '../../..');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, deadlineMs) {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The app exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not become healthy within ${deadlineMs} ms`);
}

module.exports = async function globalSetup() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'resonance-e2e-'));
  fs.chmodSync(tmp, 0o755);
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    NODE_ENV: 'production',
    RESONANCE_SECURE_COOKIES: 'false',
    RESONANCE_SEED_DEMO: 'true',
    // Every browser test signs in from 127.0.0.1: the per-IP sign-in limit is for real clients.
    RESONANCE_AUTH_RATE_LIMIT_PER_MINUTE: '1000',
  };
  const state = { tmp };
  if (process.env.DATABASE_URL) {
    const name = `resonance_e2e_${Date.now()}_${process.pid}`;
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    await client.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    state.database = { serverUrl: process.env.DATABASE_URL, name };
  } else {
    delete env.DATABASE_URL;
    env.RESONANCE_DATA_DIR = path.join(tmp, 'pg');
  }
  const logFile = path.join(tmp, 'app.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], {
    cwd: root,
    env,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  state.pid = child.pid;
  state.logFile = logFile;
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, 90_000);
  } catch (error) {
    child.kill('SIGTERM');
    console.error(fs.readFileSync(logFile, 'utf8'));
    throw error;
  }
  process.env.E2E_BASE_URL = baseUrl;
  process.env.E2E_APP_LOG = logFile;
  globalThis.__RESONANCE_E2E__ = { ...state, child };
};
