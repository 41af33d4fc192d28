/** Shared by the benchmarks: a fresh database, the real api as a child process, its resident memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfigFromEnv } from '../infra/config/app-config.js';
import { freePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../infra/database/embedded-postgres.js';

export async function freshDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const serverUrl = loadConfigFromEnv().databaseUrl;
  const name = `resonance_bench_${Date.now()}`;
  if (serverUrl) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      stop: async () => {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dataDir = path.join(os.tmpdir(), `resonance-bench-${process.pid}-${Date.now()}`, 'pg');
  const db: EmbeddedDatabase = await startEmbeddedPostgres({ dataDir, database: name, throwaway: true });
  return db;
}

/** Clock ticks a second, as /proc counts CPU time (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/** CPU seconds (user + system, all threads) a process has used, from /proc; null where it cannot be read. */
export function processCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/**
 * CPU seconds used so far by each of the database's server processes for `database` (its backends), by
 * process id, when the server runs on this machine (empty otherwise).
 */
export async function databaseCpuSeconds(client: pg.Client): Promise<Map<number, number>> {
  const { rows } = await client.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
  );
  const seconds = new Map<number, number>();
  for (const { pid } of rows) {
    const used = processCpuSeconds(pid);
    if (used !== null) seconds.set(pid, used);
  }
  return seconds;
}

/**
 * Per-process CPU readings around a measured step: the api's, the database's backends' (a backend that
 * starts during the step counts whole; one that ends during it takes its time with it), this process's.
 */
export class CpuMeter {
  private start: { api: number | null; db: Map<number, number>; self: number } | null = null;
  constructor(
    private readonly apiPid: number,
    private readonly client: pg.Client,
  ) {}

  async begin(): Promise<void> {
    this.start = { api: processCpuSeconds(this.apiPid), db: await databaseCpuSeconds(this.client), self: selfCpu() };
  }

  /** CPU µs per item since begin(), per process (null where it could not be read). */
  async perItem(items: number): Promise<{ api: number | null; db: number | null; loadGenerator: number }> {
    const start = this.start ?? { api: null, db: new Map<number, number>(), self: selfCpu() };
    const api = processCpuSeconds(this.apiPid);
    const db = await databaseCpuSeconds(this.client);
    let dbUsed = 0;
    for (const [pid, used] of db) dbUsed += used - (start.db.get(pid) ?? 0);
    const micro = (seconds: number): number => Math.round((seconds * 1e7) / items) / 10;
    return {
      api: api === null || start.api === null ? null : micro(api - start.api),
      db: db.size > 0 ? micro(dbUsed) : null,
      loadGenerator: micro(selfCpu() - start.self),
    };
  }
}

function selfCpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export class RssSampler {
  /** The largest reading since it was last reset (set to 0). */
  peakKb = 0;
  /** The largest reading of all. */
  maxKb = 0;
  private timer: NodeJS.Timeout | null = null;
  constructor(private readonly pid: number) {}
  start(): void {
    this.timer = setInterval(() => this.sample(), 50);
  }
  sample(): number {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      if (kb > this.peakKb) this.peakKb = kb;
      if (kb > this.maxKb) this.maxKb = kb;
      return kb;
    } catch {
      return 0;
    }
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

export async function startApi(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number; logs: string[] }> {
  const port = await freePort();
  const main = fileURLToPath(new URL('../main.js', import.meta.url));
  const logs: string[] = [];
  // The child reads its configuration from its environment, as in production.
  // BENCH_API_NODE_ARGS: extra node flags for the api only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const nodeArgs = (process.env['BENCH_API_NODE_ARGS'] ?? '').split(' ').filter((a) => a.length > 0);
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      RESONANCE_SEED_DEMO: 'false',
      RESONANCE_DASHBOARD_DIR: 'none',
      RESONANCE_ADMIN_EMAIL: '',
      RESONANCE_ADMIN_PASSWORD: '',
      LOG_LEVEL: 'warn',
      // As `npm start` and the Docker image run it (docs/ingest.md, "Memory").
      MALLOC_ARENA_MAX: process.env['MALLOC_ARENA_MAX'] ?? '2',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer): void => {
    logs.push(chunk.toString());
    if (logs.length > 200) logs.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the api exited while starting:\n${logs.join('')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/health' }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
    });
    if (ok) return { child, port, logs };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the api did not become healthy:\n${logs.join('')}`);
}
