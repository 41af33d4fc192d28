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
