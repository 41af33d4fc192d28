import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { IngestResponse, IngestRowError } from '@resonance/contracts';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { APP_CONFIG, type AppConfig } from '../infra/config/app-config.js';
import { isTransientDatabaseError } from '../infra/database/connection-faults.js';
import { CatalogResolver } from './catalog-resolver.js';
import { BodyRefused, MAX_LISTED_ERRORS, type BatchErrors, type PreparedBatch } from './event-batch.js';
import { IngestThreads, IngestThreadStopped, type ParsedBatch } from './ingest-threads.js';
import { IngestError } from './ingest.errors.js';
import { NdjsonChunker, type NdjsonChunk } from './ndjson-lines.js';
import { OneWriterPerOrg } from './one-writer-per-org.js';
import type { EventCopy } from '../warehouse/events/event-copy.js';
import { writeEventCopy } from '../warehouse/events/event-writer.js';
import { readOrgSettings } from '../warehouse/org-settings.js';

/** Lines per NDJSON transaction: large enough to amortise a round trip, small enough to bound memory. */
export const NDJSON_CHUNK_ROWS = 5_000;
/**
 * Bytes per NDJSON transaction at most (a chunk is cut at the first line past this, whatever its rows):
 * 5,000 lines of the longest length allowed would be 320 MB in one chunk; real ones are about 1 MB.
 */
export const NDJSON_CHUNK_BYTES = 4 * 1024 * 1024;
/**
 * NDJSON chunks in flight at once: parsed in the ingest threads, then written (one at a time per
 * organisation, OneWriterPerOrg) — so that chunks are parsed while another is written.
 */
export const NDJSON_PARALLEL_CHUNKS = 3;
/** A deadlock between concurrent writers is retried this many times (it rolls back, so nothing is counted twice). */
const DEADLOCK_RETRIES = 3;
/** Longest NDJSON line read; a longer one is refused without being buffered. */
export const MAX_LINE_BYTES = 64 * 1024;

interface IngestContext {
  orgId: string;
  /** The organisation's member key (member ids are stored as keyed hashes, member-key.ts). */
  memberKeySecret: Buffer;
  timeZone: string;
  catalog: CatalogResolver;
  importId: string | null;
}

/** Thrown inside the read loop when a gzip body expands past the configured limit. */
class InflateLimitExceeded extends Error {}

/** Counts rejected rows and keeps the first errors. */
class ErrorCollector {
  readonly listed: IngestRowError[] = [];
  truncated = 0;
  rejectedRows = 0;

  reject(index: number, errors: readonly { field: string | null; message: string }[]): void {
    this.rejectedRows += 1;
    for (const { field, message } of errors) this.list({ index, field, message });
  }

  /** A batch's refused rows (EventBatch). */
  merge(batch: BatchErrors): void {
    this.rejectedRows += batch.rejectedRows;
    this.truncated += batch.truncated;
    for (const error of batch.listed) this.list(error);
  }

  private list(error: IngestRowError): void {
    if (this.listed.length < MAX_LISTED_ERRORS) this.listed.push(error);
    else this.truncated += 1;
  }

  answer(counts: { accepted: number; duplicates: number }): IngestResponse {
    return {
      accepted: counts.accepted,
      duplicates: counts.duplicates,
      rejected: this.rejectedRows,
      errors: [...this.listed].sort((a, b) => a.index - b.index),
      ...(this.truncated > 0 ? { errorsTruncated: this.truncated } : {}),
    };
  }
}

/**
 * The event write path for the events API: parsing, validation and member hashing on the ingest
 * threads (EventBatch), key resolution, and the write (marks, then COPY: writeEventCopy in
 * warehouse/events/event-writer.ts). Imports and the demo write through the warehouse writer themselves.
 */
@Injectable()
export class IngestService implements OnModuleDestroy {
  private readonly logger = new Logger(IngestService.name);
  /** Events are parsed, validated and hashed on these, beside the thread that serves requests. */
  private readonly threads: IngestThreads;
  /** An organisation's batches are written one at a time (parsed side by side): see OneWriterPerOrg. */
  private readonly writers = new OneWriterPerOrg();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.threads = new IngestThreads(config.ingestThreads);
  }

  /** Events older than the raw-event retention period are refused (see validateEvent). */
  private validationWindow(): { oldestAcceptedMs: number; retentionDays: number } {
    const retentionDays = this.config.rawEventRetentionDays;
    return { oldestAcceptedMs: Date.now() - retentionDays * 86_400_000, retentionDays };
  }

  /**
   * `application/json`: an array of events or `{ events: [...] }` (the body's bytes: parsed, validated
   * and hashed in an ingest thread), committed in one transaction.
   */
  async ingestJson(params: { orgId: string; body: Uint8Array }): Promise<IngestResponse> {
    const ctx = await this.context({ orgId: params.orgId });
    const errors = new ErrorCollector();
    let prepared: PreparedBatch;
    try {
      // With the catalogue known, the body is laid out as it is read (one step; EventBatch).
      const known = (await ctx.catalog.preload()) ? ctx.catalog.known() : null;
      const parsed = await this.threads.parseJson(params.body, { window: this.validationWindow(), known, owner: ctx });
      prepared = await this.finish(ctx, parsed);
    } catch (error) {
      if (error instanceof BodyRefused) {
        throw new IngestError(error.refusal.code, error.refusal.message, error.refusal.details);
      }
      if (!(error instanceof IngestThreadStopped)) throw error;
      this.logger.error(`JSON ingest for org ${ctx.orgId}: ${error.message}`);
      throw new IngestError(
        'ingest_interrupted',
        'Preparing the events failed on our side (an ingest thread stopped; it has been logged); nothing of this request is stored, resend it shortly',
      );
    }
    errors.merge(prepared.errors);
    const inserted = await this.commit(ctx, prepared.copy);
    return errors.answer({ accepted: inserted, duplicates: prepared.events - inserted });
  }

  async onModuleDestroy(): Promise<void> {
    await this.threads.close();
  }

  /**
   * `application/x-ndjson`: reads the stream line by line and commits every NDJSON_CHUNK_ROWS
   * lines (or NDJSON_CHUNK_BYTES) in their own transaction. A chunk's lines are parsed, validated and hashed in an ingest
   * thread (ingest-threads.ts) while this thread reads on and earlier chunks are written — up to
   * NDJSON_PARALLEL_CHUNKS in flight, written one after another (OneWriterPerOrg). Memory stays at a few chunks
   * whatever the stream's length: reading pauses (TCP backpressure) while they are busy.
   */
  async ingestNdjson(params: { orgId: string; stream: Readable; contentEncoding?: string }): Promise<IngestResponse> {
    const ctx = await this.context({ orgId: params.orgId });
    await ctx.catalog.preload();
    const errors = new ErrorCollector();
    const { source, compressed } = this.decode(params.stream, params.contentEncoding);
    const maxInflated = this.config.maxInflatedBytes;
    let inflatedBytes = 0;
    const window = this.validationWindow();
    let accepted = 0;
    let duplicates = 0;
    let committedChunks = 0;
    let lastCommittedLine = 0;
    let failure: unknown = null;
    let failedLines: { first: number; last: number } | null = null;
    const inFlight = new Set<Promise<void>>();
    // Chunks may commit out of order: `lastCommittedLine` only advances over a committed prefix.
    let nextSeq = 0;
    let nextToAcknowledge = 0;
    const finished = new Map<number, number>();

    // Lines are cut here as bytes and decoded, parsed and validated in an ingest thread.
    const splitter = new NdjsonChunker(MAX_LINE_BYTES, (lineNo) =>
      errors.reject(lineNo, [{ field: null, message: `line ${lineNo} is longer than ${MAX_LINE_BYTES} bytes` }]),
    );
    const write = ({ bytes, firstLine, lastLine }: NdjsonChunk, seq: number): Promise<void> =>
      (async () => {
        const parsed = await this.threads.parseNdjson(bytes, firstLine, {
          window,
          known: ctx.catalog.known(),
          owner: ctx,
        });
        const prepared = await this.finish(ctx, parsed);
        errors.merge(prepared.errors);
        const inserted = await this.commit(ctx, prepared.copy);
        accepted += inserted;
        duplicates += prepared.events - inserted;
        committedChunks += 1;
        finished.set(seq, lastLine);
        for (let line = finished.get(nextToAcknowledge); line !== undefined; line = finished.get(nextToAcknowledge)) {
          lastCommittedLine = Math.max(lastCommittedLine, line);
          finished.delete(nextToAcknowledge);
          nextToAcknowledge += 1;
        }
      })().catch((error: unknown) => {
        failure = error;
        failedLines = { first: firstLine, last: lastLine };
      });
    const flush = async (): Promise<void> => {
      while (inFlight.size >= NDJSON_PARALLEL_CHUNKS) await Promise.race(inFlight);
      const chunk = failure === null ? splitter.take() : null;
      if (chunk !== null) {
        const pending = write(chunk, nextSeq++);
        inFlight.add(pending);
        void pending.then(() => inFlight.delete(pending));
      }
    };

    try {
      for await (const data of source) {
        // A small gzip body can expand a thousandfold: stop reading at the cap, keep what committed.
        if (compressed && (inflatedBytes += (data as Buffer).length) > maxInflated) throw new InflateLimitExceeded();
        splitter.push(data as Buffer);
        if (splitter.pendingRows >= NDJSON_CHUNK_ROWS || splitter.pendingBytes >= NDJSON_CHUNK_BYTES) await flush();
        if (failure !== null) break;
      }
      splitter.end();
      await flush();
      await Promise.all(inFlight);
    } catch (error) {
      // The client went away (or sent broken gzip): committed chunks stay, the partial one is dropped.
      await Promise.all(inFlight);
      if (error instanceof InflateLimitExceeded) {
        params.stream.unpipe();
        throw new IngestError(
          'inflated_too_large',
          `The gzip body expands to more than the limit of ${maxInflated} bytes; rows up to line ${lastCommittedLine} are stored, send the rest from line ${lastCommittedLine + 1} in another request`,
          { limitBytes: maxInflated, accepted, duplicates, committedChunks, lastCommittedLine },
        );
      }
      this.logger.warn(
        `NDJSON stream for org ${ctx.orgId} ended early after line ${splitter.lines}: ${committedChunks} chunks (${accepted} new rows) committed`,
      );
      throw new IngestError(
        'ingest_stream_broken',
        `The stream broke off after line ${splitter.lines} (${(error as Error).message}); rows up to line ${lastCommittedLine} are stored, resend from line ${lastCommittedLine + 1} (resent rows count as duplicates)`,
        { accepted, duplicates, committedChunks, lastCommittedLine },
      );
    }
    if (failure !== null) {
      const progress = { accepted, duplicates, committedChunks, lastCommittedLine };
      if (isTransientDatabaseError(failure) || failure instanceof IngestThreadStopped) {
        const thread = failure instanceof IngestThreadStopped;
        const message = `NDJSON ingest for org ${ctx.orgId} failed ${thread ? 'preparing' : 'writing'} a chunk: ${String((failure as Error).message)}`;
        if (thread) this.logger.error(message);
        else this.logger.warn(message);
        throw new IngestError(
          'ingest_interrupted',
          `Storing events failed after ${committedChunks} committed chunks (${thread ? 'an ingest thread stopped on our side; it has been logged' : 'the database was unavailable'}); rows up to line ${lastCommittedLine} are stored, resend from line ${lastCommittedLine + 1} shortly (resent rows count as duplicates)`,
          progress,
        );
      }
      // Not a passing fault: resending the same lines would fail the same way, so don't ask for it.
      this.logger.error(
        `NDJSON ingest for org ${ctx.orgId} failed writing a chunk: ${String((failure as Error).stack ?? failure)}`,
      );
      const lines = failedLines as { first: number; last: number } | null;
      const where = lines ? `lines ${lines.first}–${lines.last}` : 'a chunk';
      throw new IngestError(
        'ingest_failed',
        `Storing ${where} failed on our side (it has been logged); rows up to line ${lastCommittedLine} are stored. Resending the same lines will not help until this is fixed`,
        { ...progress, ...(lines ? { failedFromLine: lines.first, failedToLine: lines.last } : {}) },
      );
    }
    return { ...errors.answer({ accepted, duplicates }), committedChunks };
  }

  private decode(stream: Readable, encoding: string | undefined): { source: Readable; compressed: boolean } {
    const value = (encoding ?? 'identity').trim().toLowerCase();
    if (value === 'identity' || value === '') return { source: stream, compressed: false };
    if (value !== 'gzip') {
      throw new IngestError(
        'unsupported_media_type',
        `Content-Encoding '${value}' is not supported; send gzip or no encoding`,
      );
    }
    const gunzip = createGunzip();
    stream.on('error', (error) => gunzip.destroy(error));
    stream.on('aborted', () => gunzip.destroy(new Error('aborted')));
    return { source: stream.pipe(gunzip), compressed: true };
  }

  private async context(params: { orgId: string; importId?: string | null }): Promise<IngestContext> {
    // The member-key secret is read here, once per request, and never logged.
    const org = await readOrgSettings(this.dataSource, params.orgId);
    if (!org) throw new IngestError('organization_not_found', 'The organisation of this request no longer exists');
    return {
      orgId: params.orgId,
      memberKeySecret: org.memberKeySecret,
      timeZone: org.timeZone,
      catalog: new CatalogResolver(this.dataSource, params.orgId),
      importId: params.importId ?? null,
    };
  }

  /**
   * A parsed batch ready to store: prepared already, or its keys resolved to ids (registering new
   * creatives of known campaigns) and then finished with them — rows naming an unknown campaign refused.
   */
  private async finish(ctx: IngestContext, parsed: ParsedBatch): Promise<PreparedBatch> {
    if (parsed.prepared) return parsed.prepared;
    try {
      if (parsed.needs.length > 0) await ctx.catalog.load(parsed.needs);
      return await parsed.finish(ctx.catalog.ids(parsed.needs), ctx);
    } catch (error) {
      parsed.drop();
      throw error;
    }
  }

  /**
   * One transaction on a pooled pg connection: the events and their days' cube marks, after the
   * organisation's earlier batches (OneWriterPerOrg). Returns the rows inserted.
   */
  private async commit(ctx: IngestContext, copy: EventCopy | null): Promise<number> {
    if (copy === null) return 0;
    return this.writers.run(ctx.orgId, () => this.commitRetrying(ctx, copy));
  }

  /**
   * commitOnce, retried on a deadlock (with another api process's writer: it rolls back, so nothing counts twice).
   * The connection is taken once it is the batch's turn, so an organisation's writes reuse one warm backend:
   * taking it before waiting (so that a batch's writes rotated over several connections) cost PostgreSQL
   * 0.5–1 µs more an event in `bench:ingest` (docs/scaling.md). The price: while the database cannot be
   * reached at all (a network partition, not a restart, which refuses at once), an organisation's queued
   * batches wait out the pool's connection timeout one after another instead of together.
   */
  private async commitRetrying(ctx: IngestContext, copy: EventCopy): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.commitOnce(ctx, copy);
      } catch (error) {
        if ((error as { code?: unknown }).code !== '40P01' || attempt > DEADLOCK_RETRIES) throw error;
        this.logger.warn(`Deadlock writing ${copy.rows} events for org ${ctx.orgId}; retrying (${attempt})`);
      }
    }
  }

  private async commitOnce(ctx: IngestContext, copy: EventCopy): Promise<number> {
    const [client, release] = (await (this.dataSource.driver as PostgresDriver).obtainMasterConnection()) as [
      PoolClient,
      (error?: unknown) => void,
    ];
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const inserted = await writeEventCopy(client, { orgId: ctx.orgId, copy });
      // Nothing new (a resend): the days' cube marks are all the transaction wrote, and nothing changed
      // in those days; rolled back, a resend leaves the cube alone instead of having its days rebuilt.
      await client.query(inserted === 0 ? 'ROLLBACK' : 'COMMIT');
      return inserted;
    } catch (error) {
      broken = await client.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: unknown) => rollbackError,
      );
      throw error;
    } finally {
      release(broken);
    }
  }
}
