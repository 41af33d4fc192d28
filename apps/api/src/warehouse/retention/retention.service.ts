import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RESERVED_EVENT_ID_PREFIX } from '@resonance/contracts';
import { APP_CONFIG, type AppConfig } from '../../infra/config/app-config.js';
import { isDatabaseUnavailable } from '../../infra/database/connection-faults.js';
import { unpackDays } from '../events/event-packer.js';
import { EventPacker } from '../events/event-packer.service.js';
import { compactEvents, maintainIndexes } from './index-maintenance.js';

const HOUR_MS = 60 * 60 * 1000;
/** Ids of the rows retention keeps in place of raw events (the events API refuses ids with it). */
const KEPT_EVENT_PREFIX = RESERVED_EVENT_ID_PREFIX;
const EVENT_COLUMNS = `org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, member_hash,
                       age_band, gender, region, language, count, import_id`;

/**
 * One organisation-local day's raw events before the cutoff, replaced in one statement by what the
 * figures need: per UTC hour, audience cell and type one event with the summed count (no member), and
 * per member, creative and audience cell one zero-count event (reach). Kept ids are derived from their
 * key, so a second pass over the same day adds to the same rows. $1 org, $2 day, $3 cutoff.
 */
const KEEP_DAY_SQL = `
WITH doomed AS (
  DELETE FROM events e
   WHERE e.org_id = $1 AND e.day = $2::date AND e.occurred_at < $3::timestamptz AND e.import_id IS NULL
     AND e.event_id NOT LIKE '${KEPT_EVENT_PREFIX}%'
  RETURNING e.*
),
counts AS (
  INSERT INTO events (${EVENT_COLUMNS})
  SELECT $1, '${KEPT_EVENT_PREFIX}' || md5(concat_ws('|', 'count', day, hour, creative_id, platform, age_band, gender, region, language, type)),
         hour, day, campaign_id, creative_id, platform, type, NULL, age_band, gender, region, language, n, NULL
    FROM (SELECT day, date_trunc('hour', occurred_at, 'UTC') AS hour, campaign_id, creative_id, platform, type,
                 age_band, gender, region, language, sum(count)::integer AS n
            FROM doomed GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) g
   ORDER BY 2
  ON CONFLICT (org_id, event_id) DO UPDATE SET count = events.count + excluded.count
),
members AS (
  INSERT INTO events (${EVENT_COLUMNS})
  SELECT DISTINCT ON (creative_id, platform, age_band, gender, region, language, member_hash)
         $1, '${KEPT_EVENT_PREFIX}' || md5(concat_ws('|', 'member', day, creative_id, platform, age_band, gender, region, language, member_hash)),
         occurred_at, day, campaign_id, creative_id, platform, 'impression', member_hash, age_band, gender, region, language, 0, NULL
    FROM doomed WHERE member_hash IS NOT NULL
   ORDER BY creative_id, platform, age_band, gender, region, language, member_hash, occurred_at, event_id
  ON CONFLICT (org_id, event_id) DO NOTHING
)
SELECT count(*)::int AS kept FROM doomed`;

/**
 * Replaces raw events older than the retention period with what the figures need (KEEP_DAY_SQL): the
 * counts per hour and audience cell, and each member once per creative, day and cell for reach — no
 * raw event ids or times. The rollups are views over events, so every figure, and the cube built
 * from them, stays as it was. Rows made by platform-export imports are kept as they are: they carry
 * no member data, and their ids are what makes re-importing an old export change nothing. The events
 * API refuses events older than the period, so replaced ids are never resent into the counts. Runs an
 * hour after boot and then daily, a day of one organisation per statement so it never holds long
 * locks against ingest; each run then rebuilds the events primary key if inserts have left it mostly
 * empty (index-maintenance.ts).
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly packer: EventPacker,
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
      if (deleted > 0)
        this.logger.log(`Replaced ${deleted} raw events past the retention period by their counts and reach`);
      // Then closed days packed (event-packer.ts), the events table rewritten if that left it mostly empty,
      // and the indexes concurrent inserts left half empty rebuilt (index-maintenance.ts).
      await this.packer.packClosedDays();
      const compaction = await compactEvents(this.dataSource);
      if (compaction?.compacted)
        this.logger.log(`Compacted events: ${compaction.bytes} → ${compaction.bytesAfter} bytes`);
      for (const report of await maintainIndexes(this.dataSource)) {
        if (report.rebuilt)
          this.logger.log(
            `Rebuilt ${report.index} (estimated ${Math.round((report.density ?? 0) * 100)}% full): ${report.bytes} → ${report.bytesAfter} bytes`,
          );
      }
    } catch (error) {
      // A database outage postpones the run by an hour, not a day.
      retrySoon = isDatabaseUnavailable(error);
      this.logger.error(`Retention run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.timer = setTimeout(() => void this.runScheduled(), retrySoon ? HOUR_MS : 24 * HOUR_MS);
      this.timer.unref();
    }
  }

  /** Replaces raw events that occurred before now − retention days (KEEP_DAY_SQL). Returns how many. */
  async purgeRawEvents(params: { now: Date; orgId?: string }): Promise<number> {
    const cutoff = new Date(params.now.getTime() - this.config.rawEventRetentionDays * 24 * HOUR_MS).toISOString();
    // A local day starts at most 14 hours before its UTC date: days after the cutoff's date + 1 hold nothing older.
    const days: { org_id: string; day: string }[] = await this.dataSource.query(
      `SELECT org_id, day::text AS day FROM events
        WHERE day <= ($1::timestamptz AT TIME ZONE 'UTC')::date + 1 AND occurred_at < $1::timestamptz
          AND import_id IS NULL AND event_id NOT LIKE '${KEPT_EVENT_PREFIX}%' AND ($2::uuid IS NULL OR org_id = $2)
        GROUP BY org_id, day
       UNION
       -- Packed days (event-packer.ts) are moved back into events first; the packer leaves these days alone.
       SELECT org_id, day::text FROM events_packed
        WHERE day <= ($1::timestamptz AT TIME ZONE 'UTC')::date + 1 AND ($2::uuid IS NULL OR org_id = $2)
       ORDER BY 1, 2`,
      [cutoff, params.orgId ?? null],
    );
    let total = 0;
    for (const { org_id: orgId, day } of days) {
      const rows = await this.dataSource.transaction(async (manager) => {
        await unpackDays(manager, { orgId, days: [day] });
        return manager.query<{ kept: number }[]>(KEEP_DAY_SQL, [orgId, day, cutoff]);
      });
      total += rows[0]?.kept ?? 0;
    }
    return total;
  }
}
