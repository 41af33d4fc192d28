/**
 * Recently read cube sketches, kept in the API's memory so a dashboard asking about the same days
 * again does not re-read them from PostgreSQL. Keyed by cube cell and the day's built version
 * (cube_days.built_version): a rebuilt day has a new version, so a cached sketch is never stale.
 * Least recently used entries go first once the cache holds more than `maxBytes`.
 */
export class SketchCache {
  private readonly entries = new Map<string, { version: string; bytes: Buffer | null }>();
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  /** The cell's sketch at that version (null = no members), or undefined when not cached. */
  get(key: string, version: string): Buffer | null | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.bytes;
  }

  set(key: string, version: string, bytes: Buffer | null): void {
    const old = this.entries.get(key);
    if (old) {
      this.size -= old.bytes?.length ?? 0;
      this.entries.delete(key);
    }
    const cost = bytes?.length ?? 0;
    if (cost > this.maxBytes) return;
    this.entries.set(key, { version, bytes });
    this.size += cost;
    for (const [k, e] of this.entries) {
      if (this.size <= this.maxBytes) break;
      this.entries.delete(k);
      this.size -= e.bytes?.length ?? 0;
    }
  }

  get bytes(): number {
    return this.size;
  }
}
