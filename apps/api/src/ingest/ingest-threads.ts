import { Worker } from 'node:worker_threads';
import { closeWorker, workerScript } from '../infra/runtime/worker-threads.js';
import { SETTLE_MS } from '../warehouse/cube/build-schedule.js';
import {
  BodyRefused,
  parseBatch,
  type BatchContext,
  type BatchOwner,
  type BatchSource,
  type CatalogIds,
  type CatalogNeed,
  type PreparedBatch,
} from './event-batch.js';
import type { IngestThreadReply, IngestThreadRequest } from './ingest-thread-protocol.js';

/**
 * An ingest thread's young generation (V8's nursery). A batch's objects live from its parse to its
 * layout, a few MB; with 8 MB they outlived the nursery, and the collector's copying took a third of
 * the thread's time (NDJSON 47k events/s against 72k with this, docs/scaling.md).
 */
const YOUNG_GENERATION_MB = 48;
/**
 * Its old generation's limit. What lives there is small (batches held between their steps, a few MB
 * each; an NDJSON chunk is at most NDJSON_CHUNK_BYTES), but V8 sizes its collections by the limit: at
 * 128 MB it ran two full collections a second on the thread while NDJSON streamed in, and the api spent
 * 15–17 µs an event against 11–13 at 512 (alternating runs, docs/scaling.md, sixteenth session).
 */
const OLD_GENERATION_MB = 512;
/**
 * A thread beyond the first, idle this long, is ended, its memory returned; the next backlog starts one
 * again (≈ 50 ms). Half the cube's settle time: checked every half of it, an idle thread is gone before the
 * builds of the days it wrote start (SETTLE_MS after their last write).
 */
export const INGEST_THREAD_IDLE_MS = SETTLE_MS / 2;
/**
 * The first thread is kept this long idle. A new thread compiles the parsing and layout code afresh (V8's
 * compilers run on its helper threads) and runs slower until it has: ended after 1 s idle, every burst of
 * ingest paid for that, 12–15 µs of the api's CPU an event against 9–10 on a thread kept warm, and NDJSON
 * reached 0.48 of COPY against 0.64 (docs/scaling.md, eighteenth session). Kept, it costs about 30 MB
 * while idle, and the api's peak with the cube builds beside it stayed within 512 MB (449 MB).
 */
export const WARM_THREAD_IDLE_MS = 10 * 60_000;

/**
 * A parsed batch: `prepared` when the keys it names were all known, else the keys it `needs`, and its
 * rows laid out once they are resolved (`finish`).
 */
export interface ParsedBatch {
  prepared: PreparedBatch | null;
  needs: CatalogNeed[];
  finish(ids: CatalogIds, owner: BatchOwner): Promise<PreparedBatch>;
  /** Not finishing it after all (the request failed): frees what the thread holds for it. */
  drop(): void;
}

/**
 * A thread stopped (it crashed, or ran out of memory) while it held a batch: the batch's request fails
 * with nothing of that batch stored, and may be resent — the next batch starts a new thread.
 */
export class IngestThreadStopped extends Error {}

/** Only these fields cross to a thread (a caller's context may hold more, such as connections). */
function ownerMessage({ orgId, timeZone, memberKeySecret, importId }: BatchOwner): BatchOwner {
  return { orgId, timeZone, memberKeySecret: Uint8Array.from(memberKeySecret), importId };
}

/** `bytes`' memory when the view spans all of it (so moving it detaches nothing else), as a transfer list. */
function ownBuffer(bytes: Uint8Array | null): ArrayBuffer[] {
  if (bytes === null || bytes.byteOffset !== 0 || !(bytes.buffer instanceof ArrayBuffer)) return [];
  return bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer] : [];
}

function threadUrl(): URL | null {
  return workerScript(new URL('./ingest-thread.js', import.meta.url));
}

type Waiting = { resolve: (reply: IngestThreadReply) => void; reject: (error: Error) => void };

class IngestThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  /** Batches parsed here and not yet finished or dropped. */
  private held = 0;
  private exited = false;
  dead = false;
  lastActive = Date.now();

  constructor(url: URL) {
    this.worker = new Worker(url, {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB },
    });
    this.worker.unref();
    this.worker.on('message', (reply: IngestThreadReply) => {
      const waiting = this.waiting.get(reply.id);
      if (!waiting) return;
      this.waiting.delete(reply.id);
      waiting.resolve(reply);
    });
    this.worker.on('error', (error) => this.fail(new IngestThreadStopped(`an ingest thread failed: ${error.message}`)));
    this.worker.on('exit', (code) => {
      this.exited = true;
      this.fail(new IngestThreadStopped(`an ingest thread stopped (exit code ${code})`));
    });
  }

  /** Batches waiting on this thread or held by it. */
  get load(): number {
    return this.waiting.size + this.held;
  }

  get idle(): boolean {
    return this.load === 0;
  }

  async parse(id: number, source: BatchSource, context: BatchContext): Promise<ParsedBatch> {
    const { window, known, owner } = context;
    const reply = await this.ask(
      {
        kind: 'parse',
        id,
        source,
        window,
        known,
        owner: owner && ownerMessage(owner),
      },
      ownBuffer('ndjson' in source ? source.ndjson : source.json),
    );
    if ('prepared' in reply) return preparedBatch(reply.prepared);
    if (!('needs' in reply)) throw this.errorOf(reply);
    this.held += 1;
    let settled = false;
    const settle = (): void => {
      if (settled) return;
      settled = true;
      this.held -= 1;
    };
    return {
      prepared: null,
      needs: reply.needs,
      finish: async (ids, finishOwner) => {
        settle();
        const done = await this.ask({ kind: 'finish', id, ids, owner: ownerMessage(finishOwner) });
        if (!('prepared' in done)) throw this.errorOf(done);
        return done.prepared;
      },
      drop: () => {
        if (settled) return;
        settle();
        if (!this.dead) this.worker.postMessage({ kind: 'drop', id } satisfies IngestThreadRequest);
      },
    };
  }

  private ask(
    request: Extract<IngestThreadRequest, { id: number }>,
    transfer: readonly ArrayBuffer[] = [],
  ): Promise<IngestThreadReply> {
    this.lastActive = Date.now();
    if (this.dead) return Promise.reject(new IngestThreadStopped('an ingest thread stopped'));
    return new Promise<IngestThreadReply>((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      this.worker.postMessage(request, transfer);
    }).finally(() => {
      this.lastActive = Date.now();
    });
  }

  private errorOf(reply: IngestThreadReply): Error {
    if ('refused' in reply) return new BodyRefused(reply.refused);
    const error = 'error' in reply ? reply.error : { message: 'an ingest thread answered out of turn' };
    return Object.assign(new Error(error.message), error.stack ? { stack: error.stack } : {});
  }

  /** A crashed thread fails the batches it held (their requests answer with what was stored before). */
  private fail(error: Error): void {
    this.dead = true;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }

  async close(): Promise<void> {
    if (this.exited) return;
    await closeWorker(this.worker, { kind: 'close' } satisfies IngestThreadRequest);
  }
}

/**
 * The threads ingest batches (NDJSON chunks, JSON bodies) are parsed and prepared on: up to `size`
 * (RESONANCE_INGEST_THREADS), started when a batch comes and ended once idle for `idleMs` — the first
 * thread kept warm for WARM_THREAD_IDLE_MS, the others INGEST_THREAD_IDLE_MS; a batch goes to an idle
 * thread (the first one first), else a new one, else the least busy. Where the
 * thread script is not built (TypeScript sources without a build), with `size` 0, or after close(),
 * batches are prepared in the calling thread — the same code (EventBatch).
 */
export class IngestThreads {
  private readonly threads: (IngestThread | null)[];
  private nextId = 0;
  private closed = false;
  /** The thread script (null: not built), once looked up. */
  private url: URL | null | undefined;
  private readonly reaper: NodeJS.Timeout;

  constructor(
    size: number,
    private readonly idleMs: { first: number; others: number } = {
      first: WARM_THREAD_IDLE_MS,
      others: INGEST_THREAD_IDLE_MS,
    },
  ) {
    this.threads = Array.from({ length: size }, () => null);
    this.reaper = setInterval(() => this.endIdleThreads(Date.now()), Math.min(idleMs.first, idleMs.others) / 2);
    this.reaper.unref();
  }

  /** Threads running now. */
  get running(): number {
    return this.threads.filter((t) => t !== null && !t.dead).length;
  }

  /**
   * NDJSON lines (`bytes`, each line ending in `\n`, numbered from `firstLine`), parsed and validated; the
   * bytes are moved to the thread when they are a buffer of their own (NdjsonChunker.take).
   */
  parseNdjson(bytes: Uint8Array, firstLine: number, context: BatchContext): Promise<ParsedBatch> {
    return this.parse({ ndjson: bytes, firstLine }, context);
  }

  /**
   * A JSON body (an array of events or `{ events }`), parsed and validated; BodyRefused when it is not one.
   * The bytes are moved to the thread when they are a buffer of their own (a request's body read whole).
   */
  parseJson(body: Uint8Array, context: BatchContext): Promise<ParsedBatch> {
    return this.parse({ json: body }, context);
  }

  private async parse(source: BatchSource, context: BatchContext): Promise<ParsedBatch> {
    // Looked up once (a file-system check per batch cost the request thread a third of a millisecond).
    if (this.url === undefined) this.url = threadUrl();
    const url = this.url;
    if (this.closed || url === null || this.threads.length === 0) {
      const { batch, prepared } = parseBatch(source, context);
      if (prepared) return preparedBatch(prepared);
      return {
        prepared: null,
        needs: batch.needs,
        finish: (ids, owner) => Promise.resolve(batch.finish(ids, owner)),
        drop: () => undefined,
      };
    }
    const live = this.threads.filter((t): t is IngestThread => t !== null && !t.dead);
    let thread = live.find((t) => t.idle);
    if (!thread) {
      const empty = this.threads.findIndex((t) => t === null || t.dead);
      if (empty >= 0) {
        thread = new IngestThread(url);
        this.threads[empty] = thread;
      } else {
        thread = live.reduce((a, b) => (b.load < a.load ? b : a));
      }
    }
    return thread.parse(this.nextId++, source, context);
  }

  private endIdleThreads(now: number): void {
    this.threads.forEach((thread, i) => {
      const idleMs = i === 0 ? this.idleMs.first : this.idleMs.others;
      if (thread && (thread.dead || (thread.idle && now - thread.lastActive > idleMs))) {
        this.threads[i] = null;
        void thread.close();
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.reaper);
    const threads = this.threads.filter((t): t is IngestThread => t !== null);
    this.threads.fill(null);
    await Promise.all(threads.map((t) => t.close()));
  }
}

function preparedBatch(prepared: PreparedBatch): ParsedBatch {
  return {
    prepared,
    needs: [],
    finish: () => Promise.reject(new Error('this batch was prepared when it was parsed')),
    drop: () => undefined,
  };
}
