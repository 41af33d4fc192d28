import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  IMPORT_MAX_LISTED_ERRORS,
  type ImportListResponse,
  type ImportPreview,
  type ImportPreviewRow,
  type ImportRecord,
  type ImportRowError,
  type ImportSummary,
} from '@resonance/contracts';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { buildImportPlan, isDailyRow, type ResolvedRow } from './import-plan.js';
import {
  loadCampaigns,
  loadCreatives,
  newCreativeFor,
  registerCreative,
  type CampaignRef,
  type CreativeDirectory,
} from './import-targets.js';
import { findUnchangedKeys, upsertPeriods, writePlannedEvents } from './import-writer.js';
import { ImportsError } from './imports.errors.js';
import { ImportFileError, parseExport, readTable, type ParsedRow, type ParseResult } from './parsers/index.js';

export interface UploadedExport {
  buffer: Buffer;
  originalname: string;
}

interface ImportRow {
  id: string;
  format: ImportRecord['format'];
  file_name: string;
  checksum: string;
  status: 'completed';
  rows_read: number;
  rows_accepted: number;
  rows_duplicate: number;
  rows_rejected: number;
  /** Stored as `{ listed, omitted, creativesRegistered }`: the listed row errors are capped. */
  errors: unknown;
  mapping: Record<string, string>;
  campaign_id: string | null;
  created_by: string | null;
  created_at: Date;
}

const PREVIEW_ROWS = 20;

function capErrors(errors: ImportRowError[]): { listed: ImportRowError[]; omitted: number } {
  const sorted = [...errors].sort((a, b) => a.rowNumber - b.rowNumber);
  return {
    listed: sorted.slice(0, IMPORT_MAX_LISTED_ERRORS),
    omitted: Math.max(0, sorted.length - IMPORT_MAX_LISTED_ERRORS),
  };
}

function fileError(error: ImportFileError): ImportsError {
  const status = error.code === 'too_many_rows' ? 413 : 422;
  return new ImportsError(error.code, error.message, status, error.details);
}

/** Platform-export imports: parse, resolve campaigns and creatives, store figures once. */
@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async importFile(params: {
    auth: AuthContext;
    ip: string | null;
    file: UploadedExport | undefined;
    campaign?: string;
    dateOrder?: 'mdy' | 'dmy';
    dryRun: boolean;
  }): Promise<ImportRecord | ImportPreview> {
    const { auth, file } = params;
    if (!file || file.buffer.length === 0) {
      throw new ImportsError(
        'file_missing',
        file ? 'The uploaded file is empty.' : "Attach the export as a multipart/form-data field named 'file'.",
        400,
        { field: 'file' },
      );
    }
    const fileName = file.originalname || 'upload';
    const checksum = createHash('sha256').update(file.buffer).digest('hex');
    const parsed = await this.parse(file.buffer, fileName, params.campaign, params.dateOrder);

    if (params.dryRun) {
      return this.preview({ orgId: auth.orgId, parsed, fileName, checksum, campaign: params.campaign });
    }
    const record = await this.dataSource.transaction(async (em) => {
      const resolved = await this.resolve({ em, orgId: auth.orgId, parsed, campaign: params.campaign, register: true });
      return this.store({ em, auth, ip: params.ip, parsed, resolved, fileName, checksum });
    });
    this.logger.log(
      `import ${record.id} org=${auth.orgId} ${record.format}: read ${record.rowsRead}, accepted ${record.rowsAccepted}, duplicate ${record.rowsDuplicate}, rejected ${record.rowsRejected}`,
    );
    return record;
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
    if (!row) throw new ImportsError('import_not_found', `No import ${params.id} in this organisation.`, 404);
    return toRecord(row);
  }

  private async parse(
    buffer: Buffer,
    fileName: string,
    campaign?: string,
    dateOrder?: 'mdy' | 'dmy',
  ): Promise<ParseResult> {
    try {
      const table = await readTable(buffer, fileName);
      return parseExport(table, {
        ...(campaign ? { campaignKey: campaign } : {}),
        ...(dateOrder ? { dateOrder } : {}),
      });
    } catch (error) {
      if (error instanceof ImportFileError) throw fileError(error);
      throw error;
    }
  }

  /**
   * Campaign and creative for each parsed row. `campaign` (the request field) sends every row
   * to that campaign; otherwise the file's campaign must exist (by key or name). Unknown
   * creatives are registered when `register` is set, else only listed.
   */
  private async resolve(params: {
    em: EntityManager;
    orgId: string;
    parsed: ParseResult;
    campaign: string | undefined;
    register: boolean;
  }): Promise<{ rows: ResolvedRow[]; errors: ImportRowError[]; forced: CampaignRef | null; newCreatives: string[] }> {
    const { em, orgId, parsed, register } = params;
    const campaigns = await loadCampaigns(em, orgId);
    let forced: CampaignRef | null = null;
    if (params.campaign !== undefined) {
      forced = campaigns.find(params.campaign);
      if (!forced) {
        throw new ImportsError(
          'unknown_campaign',
          `Unknown campaign '${params.campaign}' — create it first (POST /api/v1/campaigns) or pass the key or name of an existing campaign.`,
          422,
          { field: 'campaign', value: params.campaign },
        );
      }
    }
    const errors: ImportRowError[] = [...parsed.errors];
    const campaignField = parsed.mapping['campaign'] ?? 'campaign';
    const withCampaign: { row: ParsedRow; campaign: CampaignRef }[] = [];
    for (const row of parsed.rows) {
      const campaign = forced ?? (row.campaign === null ? null : campaigns.find(row.campaign));
      if (campaign) {
        withCampaign.push({ row, campaign });
        continue;
      }
      errors.push({
        rowNumber: row.rowNumber,
        field: campaignField,
        message: `Unknown campaign '${row.campaign ?? ''}' — create it first, or pass campaign=<key> to import the whole file into one campaign.`,
        ...(row.campaign === null ? {} : { value: row.campaign }),
      });
    }

    const creatives: CreativeDirectory = await loadCreatives(em, orgId, [
      ...new Set(withCampaign.map((r) => r.campaign.id)),
    ]);
    const newCreatives = new Map<string, string>();
    const rows: ResolvedRow[] = [];
    for (const { row, campaign } of withCampaign) {
      if (row.creative === null && !isDailyRow(row)) {
        rows.push({ row, campaignId: campaign.id, creativeId: null });
        continue;
      }
      const hint = { creative: row.creative, creativeName: row.creativeName, externalId: row.externalId };
      let creative = creatives.match(campaign.id, hint);
      if (!creative) {
        const wanted = newCreativeFor(campaign.id, row.platform, hint);
        newCreatives.set(`${campaign.id}|${wanted.key}`, wanted.name);
        if (register) {
          creative = await registerCreative(em, orgId, wanted);
          creatives.add(creative);
        }
      }
      rows.push({ row, campaignId: campaign.id, creativeId: creative?.id ?? null });
    }
    return { rows, errors, forced, newCreatives: [...newCreatives.values()] };
  }

  private async preview(params: {
    orgId: string;
    parsed: ParseResult;
    fileName: string;
    checksum: string;
    campaign: string | undefined;
  }): Promise<ImportPreview> {
    const { parsed } = params;
    const resolved = await this.resolve({
      em: this.dataSource.manager,
      orgId: params.orgId,
      parsed,
      campaign: params.campaign,
      register: false,
    });
    const errors = capErrors(resolved.errors);
    const rows: ImportPreviewRow[] = resolved.rows.slice(0, PREVIEW_ROWS).map(({ row, creativeId }) => ({
      rowNumber: row.rowNumber,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      campaign: resolved.forced?.key ?? row.campaign,
      creative: row.creative,
      creativeName: row.creativeName,
      platform: row.platform,
      externalId: row.externalId,
      ageBand: row.ageBand,
      gender: row.gender,
      region: row.region,
      counts: row.counts,
      reach: row.reach,
      grain: row.grain,
      storedAs: isDailyRow(row) ? 'daily_events' : 'reported_period',
      newCreative: creativeId === null && (row.creative !== null || isDailyRow(row)),
    }));
    return {
      dryRun: true,
      format: parsed.format,
      fileName: params.fileName,
      checksum: params.checksum,
      mapping: parsed.mapping,
      rowsRead: parsed.rowsRead,
      rowsValid: resolved.rows.length,
      rowsRejected: parsed.rowsRead - resolved.rows.length,
      rows,
      errors: errors.listed,
      errorsOmitted: errors.omitted,
      newCreatives: resolved.newCreatives,
    };
  }

  private async store(params: {
    em: EntityManager;
    auth: AuthContext;
    ip: string | null;
    parsed: ParseResult;
    resolved: Awaited<ReturnType<ImportsService['resolve']>>;
    fileName: string;
    checksum: string;
  }): Promise<ImportRecord> {
    const { em, auth, parsed, resolved } = params;
    const orgId = auth.orgId;
    const client = (await em.queryRunner?.connect()) as PoolClient | undefined;
    if (!client) throw new Error('no connection for the import transaction');
    const org = await em.query<{ time_zone: string }[]>(`SELECT time_zone FROM organizations WHERE id = $1`, [orgId]);
    const timeZone = org[0]?.time_zone ?? 'UTC';

    const importId = randomUUID();
    const plan = buildImportPlan(parsed.format, resolved.rows);
    const unchanged = await findUnchangedKeys(client, orgId, plan);
    await writePlannedEvents(client, { orgId, timeZone, importId, plan });
    await upsertPeriods(client, { orgId, importId, periods: plan.periods });

    let duplicate = 0;
    for (const keys of plan.keysByRow.values()) {
      if (keys.every((key) => unchanged.has(key))) duplicate += 1;
    }
    const accepted = resolved.rows.length - duplicate;
    const errors = capErrors(resolved.errors);
    const rows = await em.query<ImportRow[]>(
      `INSERT INTO imports (org_id, id, format, file_name, checksum, status, rows_read, rows_accepted, rows_duplicate,
                            rows_rejected, errors, mapping, campaign_id, created_by)
       VALUES ($1, $2, $3, $4, $5, 'completed', $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13)
       RETURNING *`,
      [
        orgId,
        importId,
        parsed.format,
        params.fileName,
        params.checksum,
        parsed.rowsRead,
        accepted,
        duplicate,
        parsed.rowsRead - resolved.rows.length,
        JSON.stringify({
          listed: errors.listed,
          omitted: errors.omitted,
          creativesRegistered: resolved.newCreatives.length,
        }),
        JSON.stringify(parsed.mapping),
        resolved.forced?.id ?? null,
        auth.userId ?? null,
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('storing the import record returned nothing');
    await this.audit.record({
      orgId,
      actor: auth,
      action: 'import.completed',
      target: { type: 'import', id: importId },
      ip: params.ip,
      details: {
        format: parsed.format,
        fileName: params.fileName,
        rowsRead: parsed.rowsRead,
        rowsAccepted: accepted,
        rowsDuplicate: duplicate,
        rowsRejected: parsed.rowsRead - resolved.rows.length,
      },
      manager: em,
    });
    return toRecord(row);
  }
}

/** `errors` is stored as `{ listed, omitted, creativesRegistered }`. */
function storedErrors(row: ImportRow): { listed: ImportRowError[]; omitted: number; creativesRegistered: number } {
  const raw = row.errors;
  if (Array.isArray(raw)) return { listed: raw as ImportRowError[], omitted: 0, creativesRegistered: 0 };
  const value = (raw ?? {}) as { listed?: ImportRowError[]; omitted?: number; creativesRegistered?: number };
  return {
    listed: value.listed ?? [],
    omitted: value.omitted ?? 0,
    creativesRegistered: value.creativesRegistered ?? 0,
  };
}

function toSummary(row: ImportRow): ImportSummary {
  return {
    id: row.id,
    format: row.format,
    fileName: row.file_name,
    checksum: row.checksum,
    status: row.status,
    rowsRead: row.rows_read,
    rowsAccepted: row.rows_accepted,
    rowsDuplicate: row.rows_duplicate,
    rowsRejected: row.rows_rejected,
    creativesRegistered: storedErrors(row).creativesRegistered,
    mapping: row.mapping,
    campaignId: row.campaign_id,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function toRecord(row: ImportRow): ImportRecord {
  const errors = storedErrors(row);
  return { ...toSummary(row), errors: errors.listed, errorsOmitted: errors.omitted };
}
