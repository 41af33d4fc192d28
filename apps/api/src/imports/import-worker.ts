/**
 * Worker-thread entry: reads and parses one uploaded export off the main event loop, so the
 * server keeps answering while a large file is read. Batches go to the main thread, which
 * resolves and writes them; at most WINDOW batches are in flight (the main thread sends a credit
 * for each one written), so a fast reader never piles rows up in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { ImportFileError } from './parsers/import-file-error.js';
import { parseStream } from './parsers/parse-stream.js';
import { streamRecords } from './parsers/stream-records.js';
import type { WorkerInput, WorkerPost } from './import-worker-protocol.js';

const WINDOW = 2;

async function checksum(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function run(port: NonNullable<typeof parentPort>, input: WorkerInput): Promise<void> {
  let credits = WINDOW;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credits += 1;
    wake?.();
    wake = null;
  });
  const post = (message: WorkerPost): void => port.postMessage(message);
  try {
    post({ kind: 'checksum', checksum: await checksum(input.path) });
    const counter = { bytes: 0 };
    const events = parseStream(streamRecords(input.path, input.fileName, counter), {
      ...(input.campaignKey === undefined ? {} : { campaignKey: input.campaignKey }),
      ...(input.dateOrder === undefined ? {} : { dateOrder: input.dateOrder }),
      maxRows: input.maxRows,
      batchSize: input.batchSize,
    });
    for await (const event of events) {
      if (event.kind === 'batch') {
        while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
        credits -= 1;
      }
      if (event.kind === 'batch') {
        const { rows, errors, rowsRead } = event;
        const bytes = serialize({ rows, errors, rowsRead });
        const { buffer, byteOffset, byteLength } = bytes;
        port.postMessage(
          { kind: 'batch', bytesRead: counter.bytes, payload: buffer, byteOffset, byteLength } satisfies WorkerPost,
          [buffer as ArrayBuffer],
        );
      } else {
        post(event);
      }
    }
    post({ kind: 'done' });
  } catch (error) {
    if (error instanceof ImportFileError) {
      post({ kind: 'file_error', code: error.code, message: error.message, details: error.details });
    } else {
      post({ kind: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
}

if (parentPort) void run(parentPort, workerData as WorkerInput);
