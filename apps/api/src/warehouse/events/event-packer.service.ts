import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from '../../infra/config/app-config.js';
import { isDatabaseUnavailable } from '../../infra/database/connection-faults.js';
import { pgPool, withPoolTransaction } from '../../infra/database/pg-transaction.js';
import { packCandidates, packDay } from './event-packer.js';

const MINUTE_MS = 60_000;
/** A pass every 10 minutes, the first a minute after boot; a pass packs up to this many days. */
const PACK_EVERY_MS = 10 * MINUTE_MS;
const DAYS_PER_PASS = 200;
/** Days before the retention cutoff's date + this margin are left to retention (it rewrites them). */
const RETENTION_MARGIN_DAYS = 2;

/** How a pass gives way to event writes (EventPacker): packing a day is housekeeping, a write is not. */
export interface GiveWayToWrites {
  /** A day is packed only once no event has been inserted for this long… */
  quietMs: number;
  /** …or once the pass has waited this long in all (sustained ingest must not keep days unpacked for ever). */
  maxWaitMs: number;
  /** How often a waiting pass reads the insert counter again. */
  pollMs: number;
}

/** The scheduled passes': a minute without inserts, at most half an hour's wait, a look every 5 s. */
export const SCHEDULED_GIVE_WAY: GiveWayToWrites = { quietMs: MINUTE_MS, maxWaitMs: 30 * MINUTE_MS, pollMs: 5_000 };

/**
 * When the events table was last written, as far as readings of its insert counter now and then tell:
 * a reading that differs from the last one (or the first reading, which cannot tell) counts as a write at
 * the time it was read.
 */
export class WriteWatch {
  private count: string | null = null;
  private changedAt = 0;

  observe(count: string, now: number): void {
    if (count === this.count) return;
    this.count = count;
    this.changedAt = now;
  }

  /** How long no write has been seen (0 before any reading). */
  quietMs(now: number): number {
    return this.count === null ? 0 : now - this.changedAt;
  }
}

/**
 * Rows ever inserted into `events`, as PostgreSQL's statistics count them (flushed by each backend within
 * about a second of its transaction). On a Citus coordinator the rows go to the workers' shards and this
 * stays 0: passes there pack without waiting, as before.
 */
const EVENT_INSERTS_SQL = `SELECT pg_stat_get_tuples_inserted('events'::regclass)::text AS n`;

/**
 * Packs closed days in the background (event-packer.ts): each day in a transaction of its own, so a pass
 * holds one day's mark at a time and ingest into other days never waits for it. A pass that meets a
 * database outage stops and the next one carries on: the candidates are read from the marks each time.
 *
 * A scheduled pass gives way to event writes (SCHEDULED_GIVE_WAY): before each day it packs, it waits
 * until no event has been inserted for a minute, or until it has waited half an hour. Packing deletes and
 * inserts a day's rows, and a backfill's days are closed days: packed while the backfill ran, they took
 * the database's CPU from it (in the `bench:ingest` JSON runs a pass overlapped, the database's CPU per
 * ingested event doubled and the rate fell by a quarter: docs/scaling.md) and sent its later writes into
 * those days down the slower path that looks ids up in parts. Explicit passes (retention, tools) pack at once.
 */
@Injectable()
export class EventPacker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventPacker.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  private stopped = false;
  private readonly writes = new WriteWatch();
  /** Ends a waiting pass's sleep early (shutdown). */
  private wake: (() => void) | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return;
    this.schedule(MINUTE_MS);
  }

  /** Stops after the day being packed (a pass may hold minutes of days; each day commits on its own). */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.runScheduled(), ms);
    this.timer.unref();
  }

  private async runScheduled(): Promise<void> {
    try {
      const { days, events } = await this.packClosedDays({ giveWay: SCHEDULED_GIVE_WAY });
      if (days > 0) this.logger.log(`Packed ${events} events of ${days} closed days`);
    } catch (error) {
      const outage = isDatabaseUnavailable(error);
      this.logger.error(`Packing closed days failed${outage ? ' (database unavailable)' : ''}: ${String(error)}`);
    } finally {
      if (!this.stopped) this.schedule(PACK_EVERY_MS);
    }
  }

  /**
   * Packs every day that may be packed (up to `limit`), of one organisation or all; with `giveWay`, each
   * day only once event writes have paused (see the class). Returns the days packed and the events moved.
   * One pass at a time: a call while one runs waits for it and runs again.
   */
  async packClosedDays(params: PassParams = {}): Promise<{ days: number; events: number }> {
    while (this.running) await this.running.catch(() => undefined);
    const run = this.pass(params);
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  private async pass(params: PassParams): Promise<{ days: number; events: number }> {
    const pool = pgPool(this.dataSource);
    const cutoff = new Date(Date.now() - (this.config.rawEventRetentionDays - RETENTION_MARGIN_DAYS) * 86_400_000);
    const afterDay = cutoff.toISOString().slice(0, 10);
    // Pooled clients are ResilientPgClient (data-source-options.ts): they listen for their own 'error'.
    const client = await pool.connect();
    let candidates: { orgId: string; day: string }[];
    try {
      candidates = await packCandidates(client, {
        afterDay,
        orgId: params.orgId,
        limit: params.limit ?? DAYS_PER_PASS,
      });
    } finally {
      client.release();
    }
    let days = 0;
    let events = 0;
    const waitUntil = Date.now() + (params.giveWay?.maxWaitMs ?? 0);
    for (const candidate of candidates) {
      if (params.giveWay) await this.untilWritesPause(pool, params.giveWay, waitUntil);
      if (this.stopped) break;
      const moved = await withPoolTransaction(pool, (c) => packDay(c, candidate));
      if (moved > 0) days++;
      events += moved;
    }
    return { days, events };
  }

  /** Returns once no event has been inserted for `quietMs`, at `waitUntil`, or at shutdown. */
  private async untilWritesPause(pool: Pool, giveWay: GiveWayToWrites, waitUntil: number): Promise<void> {
    for (;;) {
      const { rows } = await pool.query<{ n: string }>(EVENT_INSERTS_SQL);
      const now = Date.now();
      this.writes.observe(rows[0]?.n ?? '0', now);
      const quietFor = this.writes.quietMs(now);
      if (this.stopped || quietFor >= giveWay.quietMs || now >= waitUntil) return;
      await this.sleep(Math.min(giveWay.pollMs, giveWay.quietMs - quietFor, waitUntil - now));
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}

interface PassParams {
  orgId?: string;
  limit?: number;
  /** Wait for event writes to pause before each day (the scheduled passes). */
  giveWay?: GiveWayToWrites;
}
