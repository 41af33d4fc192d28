/**
 * A marked day is built once its writes have paused this long: a batch, an import or a backfill's
 * day is built once, when it is complete, instead of after its first write and again after the rest.
 */
export const SETTLE_MS = 2_000;
/**
 * …or once it has waited this long since it was first seen marked (or since its last build), however
 * busy: today under steady ingest is rebuilt every 10 s, so the rows questions read beside its build
 * (live-days.ts) stay a few seconds' worth.
 */
export const MAX_WAIT_MS = 10_000;
/**
 * A day that has waited this long for its build (since first seen marked, or since its last build) is
 * overdue: it is built at the api's own priority rather than at the lower one builds otherwise run at
 * (cube-worker.ts), so that sustained ingest, which would otherwise take every cycle from the builds,
 * shares the CPU with them and the cube stays within about this much of the writes.
 */
export const OVERDUE_MS = 30_000;

/** A pending mark as the refresher lists it: how long ago it was last marked, by the database's clock. */
export interface PendingMark {
  key: string;
  idleMs: number;
}

/**
 * When the background refresher builds a marked day (cube-builder.ts). A build of a day that is still
 * being written is wasted (the next write marks it again) and takes CPU from the writes: measured, such
 * builds cost `bench:ingest` a fifth of its JSON rate (docs/scaling.md). Questions never wait for a build
 * either way: until a day's build is current they read its newer rows beside it.
 */
export class BuildSchedule {
  /** Per pending day: when this process first saw it marked, or last built it. */
  private readonly waitingSince = new Map<string, number>();

  constructor(
    private readonly settleMs = SETTLE_MS,
    private readonly maxWaitMs = MAX_WAIT_MS,
  ) {}

  /** Which of the pending days to build now (in the given order). Days no longer pending are forgotten. */
  due(pending: readonly PendingMark[], now: number): Set<string> {
    const keys = new Set(pending.map((p) => p.key));
    for (const key of this.waitingSince.keys()) if (!keys.has(key)) this.waitingSince.delete(key);
    const due = new Set<string>();
    for (const { key, idleMs } of pending) {
      let since = this.waitingSince.get(key);
      if (since === undefined) this.waitingSince.set(key, (since = now));
      if (idleMs >= this.settleMs || now - since >= this.maxWaitMs) due.add(key);
    }
    return due;
  }

  /** How long a pending day has waited for its build (0 for a day not seen pending). */
  waitedMs(key: string, now: number): number {
    const since = this.waitingSince.get(key);
    return since === undefined ? 0 : now - since;
  }

  /** A build of the day was written: if it is marked again, it waits from now. */
  built(key: string, now: number): void {
    this.waitingSince.set(key, now);
  }
}
