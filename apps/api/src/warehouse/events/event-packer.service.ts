import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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

/**
 * Packs closed days in the background (event-packer.ts): each day in a transaction of its own, so a pass
 * holds one day's mark at a time and ingest into other days never waits for it. A pass that meets a
 * database outage stops and the next one carries on: the candidates are read from the marks each time.
 */
@Injectable()
export class EventPacker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventPacker.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | null = null;
  private stopped = false;

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
      const { days, events } = await this.packClosedDays();
      if (days > 0) this.logger.log(`Packed ${events} events of ${days} closed days`);
    } catch (error) {
      const outage = isDatabaseUnavailable(error);
      this.logger.error(`Packing closed days failed${outage ? ' (database unavailable)' : ''}: ${String(error)}`);
    } finally {
      if (!this.stopped) this.schedule(PACK_EVERY_MS);
    }
  }

  /**
   * Packs every day that may be packed (up to `limit`), of one organisation or all. Returns the days
   * packed and the events moved. One pass at a time: a call while one runs waits for it and runs again.
   */
  async packClosedDays(params: { orgId?: string; limit?: number } = {}): Promise<{ days: number; events: number }> {
    while (this.running) await this.running.catch(() => undefined);
    const run = this.pass(params);
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  private async pass(params: { orgId?: string; limit?: number }): Promise<{ days: number; events: number }> {
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
    for (const candidate of candidates) {
      if (this.stopped) break;
      const moved = await withPoolTransaction(pool, (c) => packDay(c, candidate));
      if (moved > 0) days++;
      events += moved;
    }
    return { days, events };
  }
}
