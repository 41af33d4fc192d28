import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable } from '../../infra/database/connection-faults.js';
import { pgPool } from '../../infra/database/pg-transaction.js';
import { BuildSchedule, OVERDUE_MS } from './build-schedule.js';
import { CubeWorkers } from './cube-workers.js';

/** The background refresher's period, and the longest it waits between tries while passes fail. */
const REFRESH_MS = 2_000;
const MAX_BACKOFF_MS = 30_000;
/** Days a pass builds at once: on one worker thread (cube-workers.ts), one build's queries run while another's JavaScript works. */
const REBUILD_CONCURRENCY = 2;
/**
 * Build threads. Usually one: the JavaScript of two builds on one core, their queries on the other, and
 * one thread's heap in the api's memory. A pass with a backlog (BACKLOG_DAYS or more days due: a backfill,
 * an import, a first start) builds on a second thread too, each build's JavaScript on its own core; the
 * threads end once idle (cube-workers.ts), returning their heaps. Measured in docs/scaling.md.
 */
const BUILD_THREADS = 2;
export const BACKLOG_DAYS = 8;

/** A pending mark: its organisation-day, and how long ago it was last marked (the database's clock, as the mark's). */
export interface PendingDay {
  org_id: string;
  day: string;
  idle_ms: number;
}
/** Optional settings of the refresher (tests shorten the wait before a day is overdue). */
export interface CubeBuilderOptions {
  overdueMs?: number;
}
export const CUBE_BUILDER_OPTIONS = Symbol('CUBE_BUILDER_OPTIONS');

const dayKey = (d: { org_id: string; day: string }): string => `${d.org_id} ${d.day}`;
const IDLE_MS = `(extract(epoch FROM clock_timestamp() - marked_at) * 1000)::float8`;

/**
 * Keeps the analytics cube current. Ingest and imports mark each day they change in cube_dirty (in
 * their own transaction); every 2 s the background refresher rebuilds the marked days whose writes
 * have paused (2 s; a day written without pause, every 10 s: build-schedule.ts), two at a time on a
 * worker thread (cube-day-build.ts, cube-workers.ts); refreshAll builds every marked day. Builds run at a
 * lower priority than requests and ingest, unless a day has waited 30 s for its build (OVERDUE_MS): then
 * it is built at their priority, on two threads: however busy ingest keeps the CPU, builds then get
 * their share of it, which bounds how far the cube can fall behind the writes (a safeguard: in
 * bench:query's backfill the low-priority builds kept up without it). Questions never wait for a rebuild:
 * until a day's build is current they read that day's exact rows (live-days.ts), so they still see every
 * write committed before them. While passes fail (the database is away), the refresher logs once and backs off to
 * every 30 s; marks stay, so nothing is skipped.
 */
@Injectable()
export class CubeBuilder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CubeBuilder.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Background passes failed in a row. */
  private failedPasses = 0;
  /** Whether cube_dirty is distributed by Citus (null until first asked). */
  private distributed: boolean | null = null;
  /** Which marked days the background refresher builds now: those whose writes have paused (build-schedule.ts). */
  private readonly buildSchedule = new BuildSchedule();
  /** Days being built now (by a pass or the overdue sweep), by dayKey: how many builds of each. */
  private readonly building = new Map<string, number>();
  /** The sweep building overdue days beside a running pass, while it runs. */
  private overdueSweep: Promise<void> | null = null;

  /** Where days are built: worker threads with connections of their own. */
  private readonly workers: CubeWorkers;

  /** How long a day waits for its build before it is overdue (OVERDUE_MS unless CUBE_BUILDER_OPTIONS says). */
  private readonly overdueMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(CUBE_BUILDER_OPTIONS) options?: CubeBuilderOptions,
  ) {
    this.overdueMs = options?.overdueMs ?? OVERDUE_MS;
    const { url } = dataSource.options as { url?: string };
    this.workers = new CubeWorkers(url ?? null, BUILD_THREADS, () => pgPool(this.dataSource));
  }

  /** Background refresh: every 2 s, rebuild whatever days were marked since. */
  onApplicationBootstrap(): void {
    this.schedule(REFRESH_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([this.running, this.overdueSweep]);
    await this.workers.close();
  }

  /** The next tick of the background refresh, replacing any tick already set (one chain of ticks). */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running) {
        // A pass is under way (its builds may be crawling at low priority under heavy ingest): overdue days
        // are built beside it, at the api's priority. Ticks go on meanwhile; the pass's end sets the next.
        if (!this.overdueSweep && this.failedPasses === 0) {
          this.overdueSweep = this.sweepOverdue().finally(() => {
            this.overdueSweep = null;
          });
        }
        this.schedule(REFRESH_MS);
        return;
      }
      void this.run(true).finally(() => this.schedule(Math.min(REFRESH_MS * 2 ** this.failedPasses, MAX_BACKOFF_MS)));
      this.schedule(REFRESH_MS); // ticks while the pass runs (above); its end replaces this one
    }, delayMs);
    this.timer.unref();
  }

  /**
   * Rebuilds every day marked before the call, once each. One pass runs at a time: a call made
   * during a pass waits for it and then runs a pass of its own (the running one may have listed
   * its days before this call's marks). A day still being written stays marked for the next pass.
   */
  refreshAll(): Promise<void> {
    return this.run(false);
  }

  /** A pass of refreshAll; in the background, days still being written wait (BuildSchedule). */
  private async run(background: boolean): Promise<void> {
    while (this.running) await this.running;
    if (this.stopped) return;
    this.running = this.pass(background).finally(() => {
      this.running = null;
    });
    await this.running;
  }

  private async pass(background: boolean): Promise<void> {
    try {
      // Days are built REBUILD_CONCURRENCY at a time: one build's queries run while another's
      // JavaScript works (a backfill marks many days at once). Each day is built by one worker.
      const pending = await this.pendingMarks();
      const due = this.buildSchedule.due(
        pending.map((d) => ({ key: dayKey(d), idleMs: d.idle_ms })),
        Date.now(),
      );
      const days = background ? pending.filter((d) => due.has(dayKey(d))) : pending;
      await this.build(days, { threads: days.length >= BACKLOG_DAYS ? BUILD_THREADS : 1, background });
      if (this.stopped) return;
      if (this.failedPasses > 0)
        this.logger.log(`background cube refresh resumed after ${this.failedPasses} failed passes`);
      this.failedPasses = 0;
    } catch (error) {
      if (this.stopped) return;
      this.failedPasses += 1;
      // Once per outage (or per distinct failure), not every 2 s.
      if (this.failedPasses === 1 || !isDatabaseUnavailable(error)) {
        this.logger.warn(
          `background cube refresh failed: ${(error as Error).message}; retrying with back-off (up to ${MAX_BACKOFF_MS / 1000} s)`,
        );
      }
    }
  }

  /**
   * Builds `days`, REBUILD_CONCURRENCY at a time (one build's queries run while another's JavaScript
   * works), on up to `threads` threads; each day at low priority unless overdue when its build starts
   * (decided then: a long pass's later days may have become overdue meanwhile). In the background a day
   * being built already (by the pass, or by the overdue sweep beside it) is skipped; refreshAll builds
   * every day itself (two builds of a day are safe: the later finds the build stored). Throws the first failure.
   */
  private async build(
    days: readonly PendingDay[],
    options: { threads: number; background: boolean; onlyOverdue?: boolean },
  ): Promise<void> {
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let d = days[next++]; d !== undefined && !this.stopped; d = days[next++]) {
        const key = dayKey(d);
        const overdue = this.buildSchedule.waitedMs(key, Date.now()) >= this.overdueMs;
        if (options.background && this.building.has(key)) continue;
        if (options.onlyOverdue && !overdue) continue;
        this.building.set(key, (this.building.get(key) ?? 0) + 1);
        try {
          const threads = overdue ? BUILD_THREADS : options.threads;
          if (await this.workers.rebuild(d.org_id, d.day, threads, overdue)) this.buildSchedule.built(key, Date.now());
        } finally {
          const left = (this.building.get(key) ?? 1) - 1;
          if (left > 0) this.building.set(key, left);
          else this.building.delete(key);
        }
      }
    };
    const results = await Promise.allSettled(Array.from({ length: REBUILD_CONCURRENCY }, worker));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Builds the overdue days (build-schedule.ts) while a pass is running: under heavy ingest that pass's
   * builds run at low priority and get little of the CPU, and the days it did not list (marked after it
   * started) would otherwise wait for it to end. Failures are left to the passes to report.
   */
  private async sweepOverdue(): Promise<void> {
    try {
      const pending = await this.pendingMarks();
      // Registers days marked since the running pass listed its own, so that they, too, become overdue.
      this.buildSchedule.due(
        pending.map((d) => ({ key: dayKey(d), idleMs: d.idle_ms })),
        Date.now(),
      );
      await this.build(pending, { threads: BUILD_THREADS, background: true, onlyOverdue: true });
    } catch {
      // The next pass meets the same fault and reports it (with back-off).
    }
  }

  /**
   * Every pending mark, oldest first. On one PostgreSQL that is one query. On a Citus cluster
   * (cube_dirty distributed by org_id) one query without org_id would be sent to every shard every
   * 2 s; instead the organisations are listed from their reference table (read on the coordinator)
   * and each one's marks are asked with its org_id — a router query to the one worker holding it.
   */
  async pendingMarks(): Promise<PendingDay[]> {
    this.distributed ??= await this.isDistributed();
    if (!this.distributed) {
      return this.dataSource.query<PendingDay[]>(
        `SELECT org_id::text AS org_id, to_char(day, 'YYYY-MM-DD') AS day, ${IDLE_MS} AS idle_ms
           FROM cube_dirty WHERE pending ORDER BY marked_at`,
      );
    }
    const orgs = await this.dataSource.query<{ id: string }[]>(`SELECT id::text AS id FROM organizations ORDER BY id`);
    const days: (PendingDay & { marked_at: number })[] = [];
    for (const org of orgs) {
      if (this.stopped) break;
      days.push(
        ...(await this.dataSource.query<(PendingDay & { marked_at: number })[]>(
          `SELECT org_id::text AS org_id, to_char(day, 'YYYY-MM-DD') AS day, ${IDLE_MS} AS idle_ms,
                  extract(epoch FROM marked_at)::float8 AS marked_at
             FROM cube_dirty WHERE org_id = $1 AND pending ORDER BY marked_at`,
          [org.id],
        )),
      );
    }
    return days.sort((x, y) => x.marked_at - y.marked_at);
  }

  /** Whether cube_dirty is a Citus distributed table (asked once per process). */
  private async isDistributed(): Promise<boolean> {
    const rows = await this.dataSource.query<{ distributed: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus')
              AND EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                           WHERE c.relname = 'pg_dist_partition' AND n.nspname = 'pg_catalog') AS distributed`,
    );
    if (!rows[0]?.distributed) return false;
    const dist = await this.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_dist_partition WHERE logicalrelid = 'cube_dirty'::regclass AND partmethod = 'h'`,
    );
    return (dist[0]?.n ?? 0) > 0;
  }
  /**
   * Rebuilds one organisation-day if it is marked; returns whether it wrote a build (rebuildCubeDay in
   * cube-day-build.ts, on a worker thread). Safe to call at any time, also for a day a pass is building.
   */
  rebuildDay(orgId: string, day: string): Promise<boolean> {
    return this.workers.rebuild(orgId, day);
  }
}
