import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../infra/config/app-config.js';
import { isDatabaseUnavailable } from '../../infra/database/connection-faults.js';

const HOUR_MS = 60 * 60 * 1000;
const BATCH = 50_000;

/**
 * Deletes raw events older than the retention period; rollups and reach stay. Rows made by
 * platform-export imports are kept: they carry no member data, and their ids are what makes
 * re-importing an old export change nothing. The events API refuses events older than the
 * period, so deleted ids are never resent into the counts. Runs an hour after
 * boot and then daily, in batches so it never holds long locks against ingest.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.nodeEnv === 'test') return;
    this.timer = setTimeout(() => void this.runScheduled(), HOUR_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private async runScheduled(): Promise<void> {
    let retrySoon = false;
    try {
      const deleted = await this.purgeRawEvents({ now: new Date() });
      if (deleted > 0) this.logger.log(`Deleted ${deleted} raw events past the retention period`);
    } catch (error) {
      // A database outage postpones the run by an hour, not a day.
      retrySoon = isDatabaseUnavailable(error);
      this.logger.error(`Retention run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.timer = setTimeout(() => void this.runScheduled(), retrySoon ? HOUR_MS : 24 * HOUR_MS);
      this.timer.unref();
    }
  }

  /** Deletes raw events that occurred before now − retention days. Returns how many. */
  async purgeRawEvents(params: { now: Date; orgId?: string }): Promise<number> {
    const cutoff = new Date(params.now.getTime() - this.config.rawEventRetentionDays * 24 * HOUR_MS);
    let total = 0;
    for (;;) {
      const rows: { deleted: number }[] = await this.dataSource.query(
        `WITH doomed AS (
           SELECT org_id, event_id FROM events
           WHERE occurred_at < $1 AND import_id IS NULL AND ($2::uuid IS NULL OR org_id = $2)
           LIMIT ${BATCH}
         ), gone AS (
           DELETE FROM events e USING doomed d
           WHERE e.org_id = d.org_id AND e.event_id = d.event_id
           RETURNING 1
         )
         SELECT count(*)::int AS deleted FROM gone`,
        [cutoff.toISOString(), params.orgId ?? null],
      );
      const deleted = rows[0]?.deleted ?? 0;
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
