/**
 * Worker-thread entry: builds cube days (cube-day-build.ts) on connections of its own, so that the
 * JavaScript of a build — seconds for a busy day — runs beside the api's requests instead of between
 * them, on another core where there is one, at a lower priority than they. Builds run as they are asked; a failure is sent back with
 * its message and code (the refresher tells an outage from a bug by them) and the worker carries on.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import pg from 'pg';
import { ResilientPgClient } from '../../infra/database/connection-faults.js';
import { rebuildCubeDay } from './cube-day-build.js';
import type { CubeWorkerInput, CubeWorkerReply, CubeWorkerRequest } from './cube-worker-protocol.js';

/**
 * A build thread's scheduling priority (nice): builds take the CPU that requests and ingest leave. A
 * thread for overdue days (build-schedule.ts) keeps the api's priority: a thread can lower its own, but
 * not raise it back, so the refresher keeps the two kinds of thread apart (cube-workers.ts).
 */
const BUILD_NICENESS = 10;

/**
 * Lowers this thread's own priority where the system allows a thread its own (Linux: /proc/thread-self
 * names the thread's id). Elsewhere builds simply run at the api's priority.
 */
function lowerPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, BUILD_NICENESS);
  } catch {
    // No /proc, or not permitted: the same builds, at normal priority.
  }
}

/** Connections per worker: a build holds one while it reads, then one while it writes. */
const CONNECTIONS = 3;

function main(port: NonNullable<typeof parentPort>, input: CubeWorkerInput): void {
  if (input.lowPriority) lowerPriority();
  const pool = new pg.Pool({
    connectionString: input.databaseUrl,
    max: CONNECTIONS,
    Client: ResilientPgClient,
    application_name: 'resonance-cube',
    connectionTimeoutMillis: 30_000,
    keepAlive: true,
  });
  // An idle connection whose server went away: the pool drops it (and the next build reconnects).
  pool.on('error', () => undefined);
  const reply = (message: CubeWorkerReply): void => port.postMessage(message);
  port.on('message', (request: CubeWorkerRequest) => {
    if (request.kind === 'close') {
      void pool.end().finally(() => port.close());
      return;
    }
    rebuildCubeDay(pool, request.orgId, request.day).then(
      (built) => reply({ id: request.id, built }),
      (error: unknown) => {
        const e = error as { message?: unknown; code?: unknown; stack?: unknown };
        reply({
          id: request.id,
          error: {
            message: String(e?.message ?? error),
            ...(typeof e?.code === 'string' ? { code: e.code } : {}),
            ...(typeof e?.stack === 'string' ? { stack: e.stack } : {}),
          },
        });
      },
    );
  });
}

if (parentPort) main(parentPort, workerData as CubeWorkerInput);
