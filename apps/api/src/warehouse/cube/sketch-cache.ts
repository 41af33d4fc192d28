import { LRUCache } from 'lru-cache';
import type { ReachInput } from '@resonance/analytics';

interface Entry {
  version: string;
  sketch: ReachInput | null;
}

/**
 * Recently read cube sketches, kept in the API's memory so a dashboard asking about the same days
 * again does not re-read them from PostgreSQL. Keyed by cube cell and the day's built version
 * (cube_days.built_version): a rebuilt day has a new version, so a cached sketch is never stale.
 * Least recently used entries go first once the cache holds more than `maxBytes`. Sketches are kept ready
 * for unions (readyForUnion: explicit ones as their members' keys, 4 bytes a member), so a question asked
 * again reads them without decoding them again.
 */
export class SketchCache {
  private readonly entries: LRUCache<string, Entry>;

  constructor(maxBytes: number) {
    // An empty cell (null) still costs its entry: count it as one byte.
    this.entries = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      sizeCalculation: (entry) => Math.max(1, entry.sketch?.byteLength ?? 0),
    });
  }

  /** The cell's sketch at that version (null = no members), or undefined when not cached. */
  get(key: string, version: string): ReachInput | null | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    return entry.sketch;
  }

  set(key: string, version: string, sketch: ReachInput | null): void {
    this.entries.delete(key);
    this.entries.set(key, { version, sketch });
  }

  get bytes(): number {
    return this.entries.calculatedSize;
  }
}
