import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DigestFrequency } from '@resonance/contracts';
import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../infra/config/app-config.js';
import { DigestComposer } from './digest-composer.js';
import { deliveryId, nextRunAt } from './digest-timing.js';
import { Mailer } from './mailer.js';

export const DIGEST_QUEUE = 'digest-send';
/** pg-boss keeps its tables in this schema of the app's own database. */
export const PG_BOSS_SCHEMA = 'pgboss';
const RETRY_LIMIT = 5;
const DISPATCH_EVERY_MS = 30_000;

interface DueRow {
  org_id: string;
  id: string;
  frequency: DigestFrequency;
  next_run_at: Date;
  /** next_run_at exactly (microseconds), to move the schedule on only from the time we read. */
  next_run_key: string;
  time_zone: string;
}

interface DeliveryJob {
  orgId: string;
  deliveryId: string;
}

interface DeliveryRow {
  status: string;
  recipients: string[];
  saved_view_id: string;
}

/**
 * Sends due digests through a pg-boss queue on the app's PostgreSQL. Each due occurrence gets one
 * delivery row and one job with the same deterministic id, so instances that dispatch at once, or an
 * app restarted mid-way, enqueue it once; the worker skips a delivery already sent. Failed sends
 * retry with exponential backoff and their state is kept on the delivery row for the dashboard.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestScheduler.name);
  private boss: PgBoss | null = null;
  private timer: NodeJS.Timeout | null = null;
  private dispatching: Promise<number> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly composer: DigestComposer,
    private readonly mailer: Mailer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.smtpUrl) {
      this.logger.warn(
        'Mail is off: SMTP_URL is not set, so scheduled digests are not sent (the dashboard shows a preview).',
      );
      return;
    }
    const url = (this.dataSource.options as { url?: string }).url;
    const boss = new PgBoss({ connectionString: url, schema: PG_BOSS_SCHEMA, max: 3, schedule: false });
    boss.on('error', (error: Error) => this.logger.error(`Digest queue: ${error.message}`));
    await boss.start();
    if (!(await boss.getQueue(DIGEST_QUEUE))) {
      await boss
        .createQueue(DIGEST_QUEUE, {
          name: DIGEST_QUEUE,
          retryLimit: RETRY_LIMIT,
          retryDelay: this.config.digestRetryDelaySeconds,
          retryBackoff: true,
        })
        .catch(async (error: unknown) => {
          // Another instance created it at the same moment.
          if (!(await boss.getQueue(DIGEST_QUEUE))) throw error;
        });
    }
    await boss.work<DeliveryJob>(
      DIGEST_QUEUE,
      { includeMetadata: true, pollingIntervalSeconds: 1, batchSize: 1 },
      async (jobs) => {
        for (const job of jobs) await this.deliver(job);
      },
    );
    this.boss = boss;
    this.logger.log(`Mail is on: digests go out through ${new URL(this.config.smtpUrl).host}`);
    // Digests that fell due while the app was down go out now, once.
    await this.dispatchDue();
    this.timer = setInterval(() => {
      this.dispatchDue().catch((error: unknown) => this.logger.error(`Digest dispatch failed: ${String(error)}`));
    }, DISPATCH_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.dispatching?.catch(() => undefined);
    await this.boss?.stop({ graceful: true, wait: true, timeout: 10_000 });
    this.boss = null;
    this.mailer.close();
  }

  /** Enqueues every due digest once and moves its schedule on. Returns how many were due. */
  dispatchDue(now: Date = new Date()): Promise<number> {
    this.dispatching ??= this.dispatchOnce(now).finally(() => {
      this.dispatching = null;
    });
    return this.dispatching;
  }

  private async dispatchOnce(now: Date): Promise<number> {
    const boss = this.boss;
    if (!boss) return 0;
    const due = await this.dataSource.query<DueRow[]>(
      `SELECT s.org_id, s.id, s.frequency, s.next_run_at, s.next_run_at::text AS next_run_key, o.time_zone
         FROM digest_schedules s JOIN organizations o ON o.id = s.org_id
        WHERE s.next_run_at <= $1`,
      [now],
    );
    for (const row of due) {
      const dueAt = new Date(row.next_run_at);
      const id = deliveryId(row.id, dueAt);
      // Each step is idempotent: re-running after a crash or on a second instance adds nothing.
      await this.dataSource.query(
        `INSERT INTO digest_deliveries (org_id, id, schedule_id, due_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [row.org_id, id, row.id, dueAt],
      );
      await boss.send(DIGEST_QUEUE, { orgId: row.org_id, deliveryId: id } satisfies DeliveryJob, {
        id,
        retryLimit: RETRY_LIMIT,
        retryDelay: this.config.digestRetryDelaySeconds,
        retryBackoff: true,
      });
      const next = nextRunAt(row.frequency, row.time_zone, now > dueAt ? now : dueAt);
      await this.dataSource.query(
        `UPDATE digest_schedules SET next_run_at = $4 WHERE org_id = $1 AND id = $2 AND next_run_at = $3::timestamptz`,
        [row.org_id, row.id, row.next_run_key, next],
      );
      this.logger.log(`Digest ${row.id} due ${dueAt.toISOString()} queued as delivery ${id}`);
    }
    return due.length;
  }

  private async deliver(job: PgBoss.JobWithMetadata<DeliveryJob>): Promise<void> {
    const { orgId, deliveryId: id } = job.data;
    const [row] = await this.dataSource.query<DeliveryRow[]>(
      `SELECT d.status, s.recipients, s.saved_view_id
         FROM digest_deliveries d JOIN digest_schedules s ON s.org_id = d.org_id AND s.id = d.schedule_id
        WHERE d.org_id = $1 AND d.id = $2`,
      [orgId, id],
    );
    // Deleted since, or already sent (a job retried after its send went through).
    if (!row || row.status === 'sent') return;
    await this.dataSource.query(
      `UPDATE digest_deliveries SET attempts = attempts + 1, status = 'sending', updated_at = now()
        WHERE org_id = $1 AND id = $2`,
      [orgId, id],
    );
    try {
      const message = await this.composer.compose({ orgId, savedViewId: row.saved_view_id });
      await this.mailer.send({ to: row.recipients, message });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const final = job.retryCount >= job.retryLimit;
      await this.dataSource.query(
        `UPDATE digest_deliveries SET status = $3, last_error = $4, updated_at = now() WHERE org_id = $1 AND id = $2`,
        [orgId, id, final ? 'failed' : 'retrying', reason.slice(0, 500)],
      );
      this.logger.warn(`Digest delivery ${id} failed (attempt ${job.retryCount + 1}): ${reason}`);
      throw error;
    }
    await this.dataSource.query(
      `UPDATE digest_deliveries SET status = 'sent', sent_at = now(), last_error = NULL, updated_at = now()
        WHERE org_id = $1 AND id = $2`,
      [orgId, id],
    );
    this.logger.log(`Digest delivery ${id} sent to ${row.recipients.length} recipient(s)`);
  }
}
