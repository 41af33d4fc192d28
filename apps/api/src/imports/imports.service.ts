import { unlink } from 'node:fs/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  IMPORT_MAX_LISTED_ERRORS,
  type ImportFailure,
  type ImportListResponse,
  type ImportPreview,
  type ImportPreviewRow,
  type ImportProgress,
  type ImportRecord,
  type ImportErrorGroup,
  type ImportRevision,
  type ImportRowError,
  type ImportStatus,
  type ImportSummary,
} from '@resonance/contracts';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { AppError } from '../common/errors/app-error.js';
import { APP_CONFIG, type AppConfig } from '../infra/config/app-config.js';
import { isDailyRow } from './import-plan.js';
import { loadCampaigns, loadCreatives, registerCreative, type CampaignRef } from './import-targets.js';
import { parseInWorker } from './import-worker-client.js';
import type { WorkerMessage } from './import-worker-protocol.js';
import { ImportWriter } from './import-writer.js';
import { describeColumns, ErrorGroups } from './import-presentation.js';
import { ImportsError } from './imports.errors.js';
import type { DetectedFormat } from './parsers/index.js';
import { RowResolver } from './row-resolver.js';
import { readOrgSettings } from '../warehouse/org-settings.js';

/** An upload multer wrote to a temporary file; the import reads it from disk and removes it. */
export interface UploadedExport {
  path: string;
  size: number;
  originalname: string;
}

interface ImportRow {
  id: string;
  format: ImportRecord['format'];
  file_name: string;
  checksum: string;
  status: ImportStatus;
  rows_read: number;
  rows_accepted: number;
  rows_duplicate: number;
  rows_rejected: number;
  rows_new: number;
  rows_revised: number;
  revision: ImportRevision | null;
  /** Stored as `{ listed, omitted, creativesRegistered, groups }`: the listed row errors are capped. */
  errors: unknown;
  mapping: Record<string, string>;
  campaign_id: string | null;
  created_by: string | null;
  created_at: Date;
  rows_done: number;
  bytes_done: string;
  bytes_total: string;
  phase: ImportProgress['phase'];
  failure: ImportFailure | null;
}

const PREVIEW_ROWS = 20;
/** Rows per batch from the reader: small enough that the main thread's share of a batch takes milliseconds. */
const BATCH_ROWS = 2_000;
/** Progress is written at most this often. */
const PROGRESS_INTERVAL_MS = 250;

/** The first IMPORT_MAX_LISTED_ERRORS row errors by row number, and how many more there were. */
class ErrorList {
  private items: ImportRowError[] = [];
  private dropped = 0;
  readonly groups = new ErrorGroups();

  add(errors: readonly ImportRowError[]): void {
    if (errors.length === 0) return;
    this.groups.add(errors);
    this.items.push(...errors);
    if (this.items.length > 2 * IMPORT_MAX_LISTED_ERRORS) this.trim();
  }

  private trim(): void {
    this.items.sort((a, b) => a.rowNumber - b.rowNumber);
    this.dropped += Math.max(0, this.items.length - IMPORT_MAX_LISTED_ERRORS);
    this.items = this.items.slice(0, IMPORT_MAX_LISTED_ERRORS);
  }

  result(): { listed: ImportRowError[]; omitted: number; groups: ImportErrorGroup[] } {
    this.trim();
    return { listed: this.items, omitted: this.dropped, groups: this.groups.result() };
  }
}

function fileError(message: Extract<WorkerMessage, { kind: 'file_error' }>): ImportsError {
  return new ImportsError(message.code, message.message, message.details);
}

function failureOf(error: unknown): ImportFailure {
  if (error instanceof AppError) {
    return {
      statusCode: error.status,
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details as Record<string, unknown> } : {}),
    };
  }
  return { statusCode: 500, code: 'internal_error', message: 'The import failed on the server; nothing was stored.' };
}

async function removeUpload(file: UploadedExport | undefined): Promise<void> {
  if (file?.path) await unlink(file.path).catch(() => undefined);
}

/**
 * Platform-export imports. The file is read and parsed in a worker thread as a stream (CSV or
 * XLSX), so the server keeps answering; batches are resolved to campaigns and creatives here,
 * staged with COPY, and written set-based at the end, all in one transaction. The import's row
 * shows its progress while it runs.
 */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Imports (or with `dryRun` previews) an uploaded export. With `background`, answers as soon
   * as the file's format is known, with the running import's record; poll `get` for progress.
   */
  async importFile(params: {
    auth: AuthContext;
    ip: string | null;
    file: UploadedExport | undefined;
    campaign?: string;
    dateOrder?: 'mdy' | 'dmy';
    dryRun: boolean;
    background?: boolean;
  }): Promise<ImportRecord | ImportPreview> {
    const { auth, file } = params;
    let handedOver = false;
    let messages: AsyncGenerator<WorkerMessage> | null = null;
    try {
      if (!file || file.size === 0) {
        throw new ImportsError(
          'file_missing',
          file ? 'The uploaded file is empty.' : "Attach the export as a multipart/form-data field named 'file'.",
          { field: 'file' },
        );
      }
      const fileName = file.originalname || 'upload';
      const campaigns = await loadCampaigns(this.dataSource.manager, auth.orgId);
      let forced: CampaignRef | null = null;
      if (params.campaign !== undefined) {
        forced = campaigns.find(params.campaign);
        if (!forced) {
          throw new ImportsError(
            'unknown_campaign',
            `Unknown campaign '${params.campaign}' — create it first (POST /api/v1/campaigns) or pass the key or name of an existing campaign.`,
            { field: 'campaign', value: params.campaign },
          );
        }
      }
      messages = parseInWorker({
        path: file.path,
        fileName,
        ...(params.campaign ? { campaignKey: params.campaign } : {}),
        ...(params.dateOrder ? { dateOrder: params.dateOrder } : {}),
        maxRows: this.config.importMaxRows,
        batchSize: BATCH_ROWS,
      });
      const { checksum, detected } = await this.readHead(messages);
      const resolver = new RowResolver({
        campaigns,
        creatives: await loadCreatives(this.dataSource.manager, auth.orgId, campaigns.ids()),
        forced,
        campaignField: detected.mapping['campaign'] ?? 'campaign',
        register: null,
      });
      if (params.dryRun) {
        return await this.preview({ messages, resolver, detected, fileName, checksum });
      }

      const importId = await this.createRecord({ auth, detected, fileName, checksum, forced, bytesTotal: file.size });
      const job = this.run({
        auth,
        ip: params.ip,
        importId,
        messages,
        detected,
        fileName,
        campaigns,
        forced,
      }).finally(() => removeUpload(file));
      handedOver = true;
      if (params.background) {
        job.catch((error: unknown) => this.logger.warn(`import ${importId} failed: ${failureOf(error).code}`));
        return await this.get({ orgId: auth.orgId, id: importId });
      }
      return await job;
    } finally {
      if (!handedOver) {
        await messages?.return(undefined);
        await removeUpload(file);
      }
    }
  }

  async list(params: { orgId: string; limit: number; offset: number }): Promise<ImportListResponse> {
    const [rows, totals] = await Promise.all([
      this.dataSource.query<ImportRow[]>(
        `SELECT * FROM imports WHERE org_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3`,
        [params.orgId, params.limit, params.offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM imports WHERE org_id = $1`, [
        params.orgId,
      ]),
    ]);
    return { items: rows.map((r) => toSummary(r)), total: totals[0]?.total ?? 0 };
  }

  async get(params: { orgId: string; id: string }): Promise<ImportRecord> {
    const rows = await this.dataSource.query<ImportRow[]>(`SELECT * FROM imports WHERE org_id = $1 AND id = $2`, [
      params.orgId,
      params.id,
    ]);
    const row = rows[0];
    if (!row) throw new ImportsError('import_not_found', `No import ${params.id} in this organisation.`);
    return toRecord(row);
  }

  /** The worker's first messages: the file's checksum, then its format (or why the file is refused). */
  private async readHead(
    messages: AsyncGenerator<WorkerMessage>,
  ): Promise<{ checksum: string; detected: DetectedFormat }> {
    let checksum = '';
    // next() rather than for-await: leaving a for-await loop would close the generator (and end the worker).
    for (let next = await messages.next(); !next.done; next = await messages.next()) {
      const message = next.value;
      if (message.kind === 'checksum') checksum = message.checksum;
      else if (message.kind === 'format')
        return {
          checksum,
          detected: { format: message.format, mapping: message.mapping, ignored: message.ignored },
        };
      else if (message.kind === 'file_error') throw fileError(message);
      else if (message.kind === 'failed') throw new Error(`reading the upload failed: ${message.message}`);
      else break;
    }
    throw new Error('the import worker ended before it read the header');
  }

  private async preview(params: {
    messages: AsyncGenerator<WorkerMessage>;
    resolver: RowResolver;
    detected: DetectedFormat;
    fileName: string;
    checksum: string;
  }): Promise<ImportPreview> {
    const { resolver } = params;
    const errors = new ErrorList();
    const rows: ImportPreviewRow[] = [];
    let rowsRead = 0;
    let rowsValid = 0;
    for await (const message of params.messages) {
      if (message.kind === 'file_error') throw fileError(message);
      if (message.kind === 'failed') throw new Error(`reading the upload failed: ${message.message}`);
      if (message.kind !== 'batch') continue;
      const resolved = await resolver.resolve(message.rows, message.errors);
      rowsRead += message.rowsRead;
      rowsValid += resolved.rows.length;
      errors.add(resolved.errors);
      for (const { row, creativeId } of resolved.rows) {
        if (rows.length >= PREVIEW_ROWS) break;
        rows.push({
          rowNumber: row.rowNumber,
          periodStart: row.periodStart,
          periodEnd: row.periodEnd,
          campaign: this.forcedKey(resolver) ?? row.campaign,
          creative: row.creative,
          creativeName: row.creativeName,
          platform: row.platform,
          externalId: row.externalId,
          ageBand: row.ageBand,
          gender: row.gender,
          region: row.region,
          counts: row.counts,
          reach: row.reach,
          spend: row.spend ? { amount: row.spend.micros / 1_000_000, currency: row.spend.currency } : null,
          grain: row.grain,
          storedAs: isDailyRow(row) ? 'daily_events' : 'reported_period',
          newCreative: creativeId === null && (row.creative !== null || isDailyRow(row)),
        });
      }
    }
    const listed = errors.result();
    return {
      dryRun: true,
      format: params.detected.format,
      fileName: params.fileName,
      checksum: params.checksum,
      mapping: params.detected.mapping,
      columns: describeColumns(params.detected.mapping),
      ignoredColumns: params.detected.ignored,
      rowsRead,
      rowsValid,
      rowsRejected: rowsRead - rowsValid,
      rows,
      errors: listed.listed,
      errorsOmitted: listed.omitted,
      errorGroups: listed.groups,
      newCreatives: [...resolver.newCreatives.values()],
    };
  }

  private forcedKey(resolver: RowResolver): string | null {
    return resolver.forcedCampaign?.key ?? null;
  }

  private async createRecord(params: {
    auth: AuthContext;
    detected: DetectedFormat;
    fileName: string;
    checksum: string;
    forced: CampaignRef | null;
    bytesTotal: number;
  }): Promise<string> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `INSERT INTO imports (org_id, format, file_name, checksum, status, phase, mapping, campaign_id, created_by, bytes_total)
       VALUES ($1, $2, $3, $4, 'running', 'reading', $5::jsonb, $6, $7, $8)
       RETURNING id`,
      [
        params.auth.orgId,
        params.detected.format,
        params.fileName,
        params.checksum,
        JSON.stringify(params.detected.mapping),
        params.forced?.id ?? null,
        params.auth.userId ?? null,
        params.bytesTotal,
      ],
    );
    const id = rows[0]?.id;
    if (!id) throw new Error('creating the import record returned no id');
    return id;
  }

  /** Reads the rest of the file, stages and writes it in one transaction, and completes the record. */
  private async run(params: {
    auth: AuthContext;
    ip: string | null;
    importId: string;
    messages: AsyncGenerator<WorkerMessage>;
    detected: DetectedFormat;
    fileName: string;
    campaigns: Awaited<ReturnType<typeof loadCampaigns>>;
    forced: CampaignRef | null;
  }): Promise<ImportRecord> {
    const { auth, importId, detected } = params;
    const orgId = auth.orgId;
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    // A dropped connection mid-import surfaces as the failing query's error; this keeps it from crashing the process.
    const onClientError = (error: Error): void =>
      this.logger.warn(`import ${importId}: connection error ${error.message}`);
    client.on('error', onClientError);
    let lastProgress = 0;
    const progress = async (
      set: { rowsDone: number; bytesDone: number; phase: 'reading' | 'writing' },
      force = false,
    ) => {
      const now = Date.now();
      if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      await this.dataSource.query(
        `UPDATE imports SET rows_done = $3, bytes_done = $4, phase = $5, updated_at = now() WHERE org_id = $1 AND id = $2`,
        [orgId, importId, set.rowsDone, set.bytesDone, set.phase],
      );
    };
    let writer: ImportWriter | null = null;
    try {
      await runner.startTransaction();
      const timeZone = (await readOrgSettings(client, orgId))?.timeZone ?? 'UTC';
      // Look-ups go to another pooled connection, so they need not wait for the batch being written.
      writer = await ImportWriter.start(
        client,
        { orgId, timeZone, importId, format: detected.format },
        <R>(sql: string, values: unknown[]) => this.dataSource.query<R[]>(sql, values),
      );
      const resolver = new RowResolver({
        campaigns: params.campaigns,
        creatives: await loadCreatives(runner.manager, orgId, params.campaigns.ids()),
        forced: params.forced,
        campaignField: detected.mapping['campaign'] ?? 'campaign',
        register: (creative) => registerCreative(runner.manager, orgId, creative),
      });
      const errors = new ErrorList();
      let rowsRead = 0;
      let rowsValid = 0;
      let bytesRead = 0;
      // Where the time goes, for the log: waiting for the parser, staging, the final write.
      const started = performance.now();
      let waitingMs = 0;
      let waitStart = started;
      for await (const message of params.messages) {
        waitingMs += performance.now() - waitStart;
        if (message.kind === 'file_error') throw fileError(message);
        if (message.kind === 'failed') throw new Error(`reading the upload failed: ${message.message}`);
        if (message.kind !== 'batch') {
          waitStart = performance.now();
          continue;
        }
        const resolved = await resolver.resolve(message.rows, message.errors);
        await writer.add(resolved.rows);
        rowsRead += message.rowsRead;
        rowsValid += resolved.rows.length;
        bytesRead = message.bytesRead;
        errors.add(resolved.errors);
        await progress({ rowsDone: rowsRead, bytesDone: bytesRead, phase: 'reading' });
        waitStart = performance.now();
      }
      const readMs = performance.now() - started;
      await progress({ rowsDone: rowsRead, bytesDone: bytesRead, phase: 'writing' }, true);
      const written = await writer.finish();
      const writeMs = performance.now() - started - readMs;
      const duplicateRows = written.rowsUnchanged;
      const accepted = written.rowsNew + written.rowsRevised;
      const rejected = rowsRead - rowsValid;
      const listed = errors.result();
      const creativesRegistered = resolver.newCreatives.size;
      const { rows } = await client.query<ImportRow>(
        `UPDATE imports SET status = 'completed', phase = 'done', rows_read = $3, rows_accepted = $4, rows_duplicate = $5,
                rows_rejected = $6, errors = $7::jsonb, rows_new = $8, rows_revised = $9, revision = $10::jsonb,
                rows_done = $3, bytes_done = bytes_total, updated_at = now()
         WHERE org_id = $1 AND id = $2
         RETURNING *`,
        [
          orgId,
          importId,
          rowsRead,
          accepted,
          duplicateRows,
          rejected,
          JSON.stringify({
            listed: listed.listed,
            omitted: listed.omitted,
            creativesRegistered,
            groups: listed.groups,
          }),
          written.rowsNew,
          written.rowsRevised,
          written.revision === null ? null : JSON.stringify(written.revision),
        ],
      );
      const row = rows[0];
      if (!row) throw new Error('completing the import record returned nothing');
      await this.audit.record({
        orgId,
        actor: auth,
        action: 'import.completed',
        target: { type: 'import', id: importId },
        ip: params.ip,
        details: {
          format: detected.format,
          fileName: params.fileName,
          rowsRead,
          rowsAccepted: accepted,
          rowsNew: written.rowsNew,
          rowsRevised: written.rowsRevised,
          rowsDuplicate: duplicateRows,
          rowsRejected: rejected,
          ...(written.revision ? { revision: written.revision } : {}),
        },
        manager: runner.manager,
      });
      await runner.commitTransaction();
      this.logger.log(
        `import ${importId} org=${orgId} ${detected.format}: read ${rowsRead}, new ${written.rowsNew}, revised ${written.rowsRevised}, duplicate ${duplicateRows}, rejected ${rejected}; ` +
          `timings: read and write as read ${Math.round(readMs)} ms (waiting for the parser ${Math.round(waitingMs)} ms), ` +
          `compare and write at the end ${Math.round(writeMs)} ms; rows written as read ${written.rowsDirect}, compared ${written.rowsCompared}`,
      );
      return toRecord(row);
    } catch (error) {
      // A batch may still be being written: let it end before the rollback, so nothing runs after it.
      await writer?.settle();
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (!(error instanceof AppError))
        this.logger.error(`import ${importId} failed`, error instanceof Error ? error.stack : String(error));
      await this.dataSource
        .query(
          `UPDATE imports SET status = 'failed', phase = 'done', failure = $3::jsonb, updated_at = now() WHERE org_id = $1 AND id = $2`,
          [orgId, importId, JSON.stringify(failureOf(error))],
        )
        .catch(() => undefined);
      throw error;
    } finally {
      await params.messages.return(undefined);
      client.off('error', onClientError);
      await runner.release();
    }
  }
}

/** `errors` is stored as `{ listed, omitted, creativesRegistered, groups }`. */
function storedErrors(row: ImportRow): {
  listed: ImportRowError[];
  omitted: number;
  creativesRegistered: number;
  groups: ImportErrorGroup[];
} {
  const raw = row.errors;
  if (Array.isArray(raw)) return { listed: raw as ImportRowError[], omitted: 0, creativesRegistered: 0, groups: [] };
  const value = (raw ?? {}) as {
    listed?: ImportRowError[];
    omitted?: number;
    creativesRegistered?: number;
    groups?: ImportErrorGroup[];
  };
  let groups = value.groups;
  if (!groups) {
    // Imports stored before errors were grouped: group the listed ones.
    const grouping = new ErrorGroups();
    grouping.add(value.listed ?? []);
    groups = grouping.result();
  }
  return {
    listed: value.listed ?? [],
    omitted: value.omitted ?? 0,
    creativesRegistered: value.creativesRegistered ?? 0,
    groups,
  };
}

function toSummary(row: ImportRow): ImportSummary {
  return {
    id: row.id,
    format: row.format,
    fileName: row.file_name,
    checksum: row.checksum,
    status: row.status,
    rowsRead: row.status === 'completed' ? row.rows_read : row.rows_done,
    rowsAccepted: row.rows_accepted,
    rowsNew: row.rows_new,
    rowsRevised: row.rows_revised,
    revision: row.revision,
    rowsDuplicate: row.rows_duplicate,
    rowsRejected: row.rows_rejected,
    creativesRegistered: storedErrors(row).creativesRegistered,
    progress: {
      rowsDone: row.rows_done,
      bytesDone: Number(row.bytes_done),
      bytesTotal: Number(row.bytes_total),
      phase: row.phase,
    },
    failure: row.failure,
    mapping: row.mapping,
    campaignId: row.campaign_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function toRecord(row: ImportRow): ImportRecord {
  const errors = storedErrors(row);
  return { ...toSummary(row), errors: errors.listed, errorsOmitted: errors.omitted, errorGroups: errors.groups };
}
