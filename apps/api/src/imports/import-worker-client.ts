import { existsSync } from 'node:fs';
import { deserialize } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { ParsedBatch } from './parsers/parse-stream.js';
import type { WorkerInput, WorkerMessage, WorkerPost } from './import-worker-protocol.js';

function workerUrl(): URL {
  const here = new URL('./import-worker.js', import.meta.url);
  if (existsSync(here)) return here;
  // Tests run the TypeScript sources; the worker then runs from the build (the test target builds first).
  return new URL(here.href.replace('/apps/api/src/', '/apps/api/dist/'));
}

/**
 * Reads and parses a file in a worker thread; its messages as an async iterator. Each batch taken
 * gives the worker a credit for the next one, so at most a couple of batches wait in memory.
 * Breaking out of the loop (or an error) ends the worker.
 */
export async function* parseInWorker(input: WorkerInput): AsyncGenerator<WorkerMessage> {
  const worker = new Worker(workerUrl(), { workerData: input, resourceLimits: { maxOldGenerationSizeMb: 256 } });
  const queue: WorkerPost[] = [];
  let wake: (() => void) | null = null;
  let crashed: Error | null = null;
  let exited = false;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: WorkerPost) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    crashed = error;
    notify();
  });
  worker.on('exit', () => {
    exited = true;
    notify();
  });
  try {
    for (;;) {
      const post = queue.shift();
      if (post) {
        const message: WorkerMessage =
          post.kind === 'batch'
            ? {
                kind: 'batch',
                bytesRead: post.bytesRead,
                ...(deserialize(new Uint8Array(post.payload, post.byteOffset, post.byteLength)) as ParsedBatch),
              }
            : post;
        yield message;
        if (message.kind === 'batch') worker.postMessage('credit');
        if (message.kind === 'done' || message.kind === 'file_error' || message.kind === 'failed') return;
        continue;
      }
      if (crashed) throw crashed;
      if (exited) throw new Error('the import worker stopped before it finished');
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await worker.terminate();
  }
}
