import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';

/** A worker asked to close is stopped if it has not finished within this long. */
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * A worker script next to the calling module (`new URL('./x.js', import.meta.url)`), or null where it
 * is not built. Tests run the TypeScript sources; the worker then runs from the build (the test target
 * builds first).
 */
export function workerScript(here: URL): URL | null {
  if (existsSync(here)) return here;
  const built = new URL(here.href.replace('/apps/api/src/', '/apps/api/dist/'));
  return existsSync(built) ? built : null;
}

/** Asks a worker to close (`message`) and waits for it to exit, stopping it after CLOSE_TIMEOUT_MS. */
export async function closeWorker(worker: Worker, message: unknown): Promise<void> {
  const exited = once(worker, 'exit');
  worker.postMessage(message);
  const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
  await exited.catch(() => undefined);
  clearTimeout(timer);
}
