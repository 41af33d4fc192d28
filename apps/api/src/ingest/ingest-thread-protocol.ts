import type { BatchOwner, BatchWindow, CatalogIds, CatalogNeed, PreparedBatch } from './event-batch.js';

/** The api's thread → an ingest thread (ingest-thread.ts). */
export type IngestThreadRequest =
  /**
   * NDJSON lines joined by `\n` (a line holds none), with their line numbers. With `known` (the ids the
   * request has resolved so far) and `owner`, a batch whose keys are all known is finished at once.
   */
  | {
      kind: 'parse';
      id: number;
      lines: string;
      indexes: Int32Array;
      window: BatchWindow;
      known: CatalogIds | null;
      owner: BatchOwner | null;
    }
  /** The parsed batch `id`'s keys resolved: hash, narrow and lay it out (EventBatch.finish). */
  | { kind: 'finish'; id: number; ids: CatalogIds; owner: BatchOwner }
  /** The batch `id` is not wanted any more (its request ended). */
  | { kind: 'drop'; id: number }
  | { kind: 'close' };

/** An ingest thread → the api's thread. */
export type IngestThreadReply =
  | { id: number; needs: CatalogNeed[] }
  | { id: number; prepared: PreparedBatch }
  | { id: number; error: { message: string; stack?: string } };
