import type {
  BatchContext,
  BatchOwner,
  BatchSource,
  BodyRefusal,
  CatalogIds,
  CatalogNeed,
  PreparedBatch,
} from './event-batch.js';

/** The api's thread → an ingest thread (ingest-thread.ts). */
export type IngestThreadRequest =
  /** A batch to parse and validate; one whose keys are all `known` is finished at once. */
  | ({ kind: 'parse'; id: number; source: BatchSource } & BatchContext)
  /** The parsed batch `id`'s keys resolved: hash, narrow and lay it out (EventBatch.finish). */
  | { kind: 'finish'; id: number; ids: CatalogIds; owner: BatchOwner }
  /** The batch `id` is not wanted any more (its request ended). */
  | { kind: 'drop'; id: number }
  | { kind: 'close' };

/** An ingest thread → the api's thread. */
export type IngestThreadReply =
  | { id: number; needs: CatalogNeed[] }
  | { id: number; prepared: PreparedBatch }
  | { id: number; refused: BodyRefusal }
  | { id: number; error: { message: string; stack?: string } };
