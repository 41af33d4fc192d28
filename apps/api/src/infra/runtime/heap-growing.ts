/**
 * How far V8 lets the JavaScript heap grow past what was live after its last full collection before it
 * collects again. V8's own choice reaches 4× on a machine with memory to spare: an import of 100,000
 * rows then leaves 200–250 MB of short-lived garbage in the main thread's old generation before a full
 * collection (batches outlive the young generation while they wait for PostgreSQL), and the api's resident
 * memory peaks near 600–700 MB for a heap that holds about 100 MB. At 1.5× the peak stays near 420 MB
 * (docs/ingest.md, "Import speed"). Flags are process-wide: the import worker's heap follows the same rule.
 *
 * Applied by ./heap.ts, which main.ts imports first, before anything is allocated. `RESONANCE_HEAP_GROWING_PERCENT`
 * overrides it (0 keeps V8's own choice).
 */
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

export function heapGrowingPercent(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_HEAP_GROWING_PERCENT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 300) {
    throw new Error(`RESONANCE_HEAP_GROWING_PERCENT must be an integer from 0 to 300 (got '${value}')`);
  }
  return n;
}
