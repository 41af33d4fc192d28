import { Worker } from 'node:worker_threads';
import { closeWorker, workerScript } from '../../infra/runtime/worker-threads.js';
import type { Pool } from 'pg';
import { rebuildCubeDay } from './cube-day-build.js';
import type { CubeWorkerInput, CubeWorkerReply, CubeWorkerRequest } from './cube-worker-protocol.js';

/**
 * The build thread's young generation (V8's nursery, default 16–32 MB × its semi-spaces): a build's rows
 * and cells live for the whole build, so a small nursery costs no time, and it keeps a thread's memory
 * down — two threads building days of the 10M benchmark peaked at 568 MB with the default, 456 MB with
 * 4 MB, and built no slower (docs/scaling.md).
 */
const BUILD_YOUNG_GENERATION_MB = 4;
/**
 * A thread that has built nothing for this long is ended, and its memory returned: a build's heap (a
 * busy day's rows and cells, 100 MB and more) stays with an idle thread otherwise, and would count in
 * the api's memory while ingest runs. Longer than the refresher's longest wait for a day written without
 * pause (build-schedule.ts, 10 s), so steady ingest into today keeps its thread instead of starting one
 * (≈ 0.4 s: modules and connections) for every build.
 */
export const THREAD_IDLE_MS = 15_000;

function workerUrl(): URL | null {
  return workerScript(new URL('./cube-worker.js', import.meta.url));
}

/** One worker thread and the builds it has been asked for. */
class BuildThread {
  private readonly pending = new Map<number, { resolve: (built: boolean) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private readonly worker: Worker;
  private exited = false;
  dead = false;
  /** When it was last given a build or finished one. */
  lastActive = Date.now();

  constructor(url: URL, databaseUrl: string, lowPriority: boolean) {
    this.worker = new Worker(url, {
      workerData: { databaseUrl, lowPriority } satisfies CubeWorkerInput,
      resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: BUILD_YOUNG_GENERATION_MB },
    });
    // The api's process does not wait for an idle build thread to exit (close() ends it).
    this.worker.unref();
    this.worker.on('message', (reply: CubeWorkerReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('built' in reply) waiting.resolve(reply.built);
      else
        waiting.reject(
          Object.assign(new Error(reply.error.message), { code: reply.error.code, stack: reply.error.stack }),
        );
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.fail(new Error(`the cube build worker stopped (exit code ${code})`));
    });
  }

  get load(): number {
    return this.pending.size;
  }

  rebuild(orgId: string, day: string): Promise<boolean> {
    const id = this.nextId++;
    this.lastActive = Date.now();
    return new Promise<boolean>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ kind: 'rebuild', id, orgId, day } satisfies CubeWorkerRequest);
    }).finally(() => {
      this.lastActive = Date.now();
    });
  }

  /** A crashed worker fails the builds it held (their days stay marked) and is replaced on the next build. */
  private fail(error: Error): void {
    this.dead = true;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    if (this.exited) return;
    await closeWorker(this.worker, { kind: 'close' } satisfies CubeWorkerRequest);
  }
}

/**
 * The threads the cube refresher builds days on: up to `size` worker threads, each with its own
 * connections to `databaseUrl`; a build goes to the least busy of the threads the caller allows
 * (`threads`: the refresher uses a second one only for a backlog, cube-builder.ts). Builds run at a
 * lower priority than the api's requests, except overdue ones (`overdue`, build-schedule.ts), which go
 * to threads of their own at the api's priority — up to `size` more. Threads start when needed, and end
 * once idle for THREAD_IDLE_MS. Where the worker script is not built (TypeScript sources without a
 * build) the day is built in this thread on `localPool` instead — the same code, giving way to requests
 * as it goes.
 */
export class CubeWorkers {
  /** Low-priority threads, then overdue builds' threads. */
  private readonly threads: (BuildThread | null)[];
  private closed = false;
  private readonly reaper: NodeJS.Timeout;

  constructor(
    private readonly databaseUrl: string | null,
    private readonly size: number,
    private readonly localPool: () => Pool,
  ) {
    this.threads = Array.from({ length: size * 2 }, () => null);
    this.reaper = setInterval(() => this.endIdleThreads(Date.now()), THREAD_IDLE_MS / 3);
    this.reaper.unref();
  }

  /** Threads running now (started and not ended). */
  get running(): number {
    return this.threads.filter((t) => t !== null && !t.dead).length;
  }

  /** Threads running now at the api's priority (overdue builds). */
  get runningOverdue(): number {
    return this.threads.slice(this.size).filter((t) => t !== null && !t.dead).length;
  }

  rebuild(orgId: string, day: string, threads = 1, overdue = false): Promise<boolean> {
    const url = workerUrl();
    if (this.closed || url === null || this.databaseUrl === null) return rebuildCubeDay(this.localPool(), orgId, day);
    const first = overdue ? this.size : 0;
    const allowed = Math.max(1, Math.min(threads, this.size));
    let chosen = -1;
    for (let i = first; i < first + allowed; i++) {
      const thread = this.threads[i];
      const load = thread && !thread.dead ? thread.load : 0;
      if (chosen === -1 || load < (this.threads[chosen]?.load ?? 0)) chosen = i;
      if (load === 0) break;
    }
    let thread = this.threads[chosen];
    if (!thread || thread.dead) this.threads[chosen] = thread = new BuildThread(url, this.databaseUrl, !overdue);
    return thread.rebuild(orgId, day);
  }

  /** Ends the threads that have had nothing to build for THREAD_IDLE_MS. */
  endIdleThreads(now: number): void {
    for (let i = 0; i < this.threads.length; i++) {
      const thread = this.threads[i];
      if (thread && !thread.dead && thread.load === 0 && now - thread.lastActive >= THREAD_IDLE_MS) {
        this.threads[i] = null;
        void thread.close();
      }
    }
  }

  /** Ends the threads: builds under way get up to 5 s to finish, then stop (their days stay marked). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    await Promise.all(this.threads.map((thread) => thread?.close()));
  }
}
