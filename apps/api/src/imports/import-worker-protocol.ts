import type { ImportFileErrorCode } from './parsers/import-file-error.js';
import type { ParsedBatch } from './parsers/parse-stream.js';
import type { DateOrder, DetectedFormat } from './parsers/types.js';

/** What the main thread hands the import worker. */
export interface WorkerInput {
  path: string;
  fileName: string;
  campaignKey?: string;
  dateOrder?: DateOrder;
  maxRows: number;
  batchSize: number;
}

/** What the worker sends back, in this order: checksum, format, batches…, then done or an error. */
export type WorkerMessage =
  | { kind: 'checksum'; checksum: string }
  | ({ kind: 'format' } & DetectedFormat)
  | ({ kind: 'batch'; bytesRead: number } & ParsedBatch)
  | { kind: 'done' }
  | { kind: 'file_error'; code: ImportFileErrorCode; message: string; details: Record<string, unknown> }
  | { kind: 'failed'; message: string };

/**
 * What actually crosses the thread boundary: a batch travels as its `v8.serialize`d bytes, whose buffer
 * is transferred (not copied), and becomes objects only when the import takes it (parseInWorker). Rows
 * queued meanwhile are one buffer outside the JavaScript heap, not thousands of objects that outlive
 * young-generation collections and pile up in the old generation until a full one.
 */
export type WorkerPost =
  | Exclude<WorkerMessage, { kind: 'batch' }>
  | { kind: 'batch'; bytesRead: number; payload: ArrayBuffer; byteOffset: number; byteLength: number };
