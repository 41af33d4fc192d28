import type { Worker } from 'node:worker_threads';
import { creativeNeedKey, type BatchContext, type CatalogIds } from './event-batch.js';
import { IngestThreads, IngestThreadStopped } from './ingest-threads.js';

const WINDOW = { oldestAcceptedMs: Date.parse('2026-01-01T00:00:00Z'), retentionDays: 400 };
const OWNER = {
  orgId: '00000000-0000-4000-8000-000000000001',
  timeZone: 'Europe/London',
  memberKeySecret: Buffer.alloc(32, 3),
  importId: null,
};
const IDS: CatalogIds = {
  campaigns: new Map([['spring', '00000000-0000-4000-8000-00000000000c']]),
  creatives: new Map([[creativeNeedKey('spring', 'a'), '00000000-0000-4000-8000-0000000000c1']]),
};
const line = (i: number, creative = 'a'): string =>
  JSON.stringify({
    eventId: `t-${i}`,
    occurredAt: `2026-05-0${1 + (i % 3)}T23:${String(i % 60).padStart(2, '0')}:00Z`,
    campaign: 'spring',
    creative,
    platform: 'tiktok',
    type: 'view',
    memberId: `m-${i % 7}`,
  });
const LINES = [...Array.from({ length: 40 }, (_, i) => line(i)), 'not json', line(99, 'b!')];
/** NDJSON bytes of `lines` (each ending in a newline), as NdjsonChunker.take gives them: a buffer of its own. */
const ndjson = (lines: readonly string[]): Uint8Array =>
  new Uint8Array(Buffer.from(lines.map((l) => `${l}\n`).join('')));

/** The worker threads of a pool (its internals: a test reaches in to stop one as a crash would). */
const workersOf = (threads: IngestThreads): Worker[] =>
  (threads as unknown as { threads: ({ worker: Worker } | null)[] }).threads
    .filter((t): t is { worker: Worker } => t !== null)
    .map((t) => t.worker);

/** Runs from the build, like the api (the test target builds first). */
describe('IngestThreads (events parsed, validated and hashed on worker threads)', () => {
  it('prepares a batch on a thread exactly as on the calling thread, in one step or two', async () => {
    const local = new IngestThreads(0);
    const threaded = new IngestThreads(1);
    try {
      const unknownFirst: BatchContext = { window: WINDOW, known: null, owner: OWNER };
      const [here, there] = await Promise.all([
        local.parseNdjson(ndjson(LINES), 1, unknownFirst),
        threaded.parseNdjson(ndjson(LINES), 1, unknownFirst),
      ]);
      expect(threaded.running).toBe(1);
      expect(local.running).toBe(0);
      expect(there.prepared).toBeNull();
      expect(there.needs).toEqual(here.needs);
      const [a, b] = await Promise.all([here.finish(IDS, OWNER), there.finish(IDS, OWNER)]);
      expect(b).toEqual(a);
      expect(a.events).toBe(40);
      expect(a.copy?.days.map((d) => d.day)).toEqual(['2026-05-02', '2026-05-03', '2026-05-04']); // 23:xxZ is tomorrow in BST
      expect(a.errors).toMatchObject({ rejectedRows: 2 });

      // Keys known up front: prepared where it was parsed, the same rows.
      const oneStep = await threaded.parseNdjson(ndjson(LINES.slice(0, 40)), 1, {
        window: WINDOW,
        known: IDS,
        owner: OWNER,
      });
      expect(oneStep.prepared?.copy).toEqual(a.copy);
    } finally {
      await Promise.all([local.close(), threaded.close()]);
    }
  });

  it('refuses a JSON body that is not a list of events, from the thread', async () => {
    const threads = new IngestThreads(1);
    try {
      await expect(
        threads.parseJson(Buffer.from('{"rows": []}'), { window: WINDOW, known: null, owner: OWNER }),
      ).rejects.toMatchObject({ refusal: { code: 'invalid_body' } });
      const body = await threads.parseJson(Buffer.from(JSON.stringify([JSON.parse(line(1))])), {
        window: WINDOW,
        known: IDS,
        owner: OWNER,
      });
      expect(body.prepared?.events).toBe(1);
    } finally {
      await threads.close();
    }
  });

  it('a thread that stops fails the batch it held, and the next batch gets a new thread', async () => {
    const threads = new IngestThreads(1);
    try {
      const held = await threads.parseNdjson(ndjson(LINES), 1, { window: WINDOW, known: null, owner: OWNER });
      const [worker] = workersOf(threads);
      await worker?.terminate();
      const stopped = held.finish(IDS, OWNER);
      await expect(stopped).rejects.toThrow(/ingest thread stopped/);
      await expect(stopped).rejects.toBeInstanceOf(IngestThreadStopped);
      const next = await threads.parseNdjson(ndjson(LINES), 1, { window: WINDOW, known: IDS, owner: OWNER });
      expect(next.prepared?.events).toBe(40);
      expect(workersOf(threads)[0]).not.toBe(worker);
    } finally {
      await threads.close();
    }
  });

  it('keeps the first thread warm and ends the others once idle', async () => {
    const threads = new IngestThreads(2, { first: 60_000, others: 100 });
    try {
      const context: BatchContext = { window: WINDOW, known: IDS, owner: OWNER };
      const both = await Promise.all([
        threads.parseNdjson(ndjson(LINES.slice(0, 40)), 1, context),
        threads.parseNdjson(ndjson(LINES.slice(0, 40)), 1, context),
      ]);
      expect(both.map((b) => b.prepared?.events)).toEqual([40, 40]);
      expect(threads.running).toBe(2);
      const [first] = workersOf(threads);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(threads.running).toBe(1);
      expect(workersOf(threads)).toEqual([first]);
      // The next batch goes to the warm thread: no new one is started.
      const next = await threads.parseNdjson(ndjson(LINES.slice(0, 40)), 1, context);
      expect(next.prepared?.events).toBe(40);
      expect(workersOf(threads)).toEqual([first]);
    } finally {
      await threads.close();
    }
  });

  it('ends the first thread too once it has been idle for its own while', async () => {
    const threads = new IngestThreads(1, { first: 100, others: 100 });
    try {
      await threads.parseNdjson(ndjson(LINES.slice(0, 40)), 1, { window: WINDOW, known: IDS, owner: OWNER });
      expect(threads.running).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(threads.running).toBe(0);
    } finally {
      await threads.close();
    }
  });

  it('moves a JSON body that is a buffer of its own to the thread instead of copying it', async () => {
    const threads = new IngestThreads(1);
    try {
      const own = new Uint8Array(Buffer.from(JSON.stringify([JSON.parse(line(1)), JSON.parse(line(2))])));
      const shared = Buffer.from(`xx${JSON.stringify([JSON.parse(line(3))])}`).subarray(2);
      const context: BatchContext = { window: WINDOW, known: IDS, owner: OWNER };
      const [moved, copied] = await Promise.all([threads.parseJson(own, context), threads.parseJson(shared, context)]);
      expect(moved.prepared?.events).toBe(2);
      expect(own.byteLength).toBe(0); // detached: its memory went to the thread
      expect(copied.prepared?.events).toBe(1);
      expect(shared.byteLength).toBeGreaterThan(0); // a view into a larger buffer is copied, the buffer left alone
    } finally {
      await threads.close();
    }
  });
});
