import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CreateCreativeRequest,
  Creative,
  CreativeListResponse,
  UpdateCreativeRequest,
} from '@resonance/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { CampaignsError } from './campaigns.errors.js';
import { deleteData, hasData } from '../warehouse/events/catalog-data.js';
import { isUniqueViolation } from '../infra/database/pg-errors.js';

interface CreativeRow {
  id: string;
  campaign_id: string;
  key: string;
  name: string;
  platform: Creative['platform'];
  format: Creative['format'];
  theme: string | null;
  partner: string | null;
  tags: string[];
  external_ids: string[];
  needs_details: boolean;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, campaign_id, key, name, platform, format, theme, partner, tags, external_ids, needs_details, created_at, updated_at`;

function toCreative(row: CreativeRow): Creative {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    key: row.key,
    name: row.name,
    platform: row.platform,
    format: row.format,
    theme: row.theme,
    partner: row.partner,
    tags: row.tags,
    externalIds: row.external_ids,
    needsDetails: row.needs_details,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function keyTaken(key: string): CampaignsError {
  return new CampaignsError(
    'creative_key_taken',
    `This campaign already has a creative with key '${key}'; choose another key`,
    {
      field: 'key',
    },
  );
}

@Injectable()
export class CreativesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(params: {
    orgId: string;
    campaignId: string;
    needsDetails?: boolean;
    limit?: number;
    offset?: number;
  }): Promise<CreativeListResponse> {
    const { orgId, campaignId, limit = 100, offset = 0 } = params;
    await this.requireCampaign({ orgId, campaignId });
    const filter = `org_id = $1 AND campaign_id = $2 AND ($3::boolean IS NULL OR needs_details = $3)`;
    const args = [orgId, campaignId, params.needsDetails ?? null];
    const [rows, totals] = await Promise.all([
      this.dataSource.query<CreativeRow[]>(
        `SELECT ${COLUMNS} FROM creatives WHERE ${filter} ORDER BY needs_details DESC, key LIMIT $4 OFFSET $5`,
        [...args, limit, offset],
      ),
      this.dataSource.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM creatives WHERE ${filter}`, args),
    ]);
    return { items: rows.map(toCreative), total: totals[0]?.total ?? 0 };
  }

  async create(params: { orgId: string; campaignId: string; input: CreateCreativeRequest }): Promise<Creative> {
    const { orgId, campaignId, input } = params;
    await this.requireCampaign({ orgId, campaignId });
    try {
      const rows = await this.dataSource.query<CreativeRow[]>(
        `INSERT INTO creatives (org_id, campaign_id, key, name, platform, format, theme, partner, tags, external_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [
          orgId,
          campaignId,
          input.key,
          input.name,
          input.platform,
          input.format,
          input.theme ?? null,
          input.partner ?? null,
          input.tags ?? [],
          input.externalIds ?? [],
        ],
      );
      return toCreative(this.first(rows, ''));
    } catch (error) {
      if (isUniqueViolation(error)) throw keyTaken(input.key);
      throw error;
    }
  }

  /** Any edit means someone has looked at the creative, so it no longer asks for details. */
  async update(params: { orgId: string; id: string; changes: UpdateCreativeRequest }): Promise<Creative> {
    const { orgId, id, changes } = params;
    try {
      const rows = await this.dataSource.query<[CreativeRow[], number]>(
        `UPDATE creatives SET
           key = coalesce($3, key), name = coalesce($4, name), platform = coalesce($5, platform),
           format = coalesce($6, format),
           theme = CASE WHEN $7 THEN $8 ELSE theme END,
           partner = CASE WHEN $9 THEN $10 ELSE partner END,
           tags = coalesce($11, tags), external_ids = coalesce($12, external_ids),
           needs_details = false, updated_at = now()
         WHERE org_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [
          orgId,
          id,
          changes.key ?? null,
          changes.name ?? null,
          changes.platform ?? null,
          changes.format ?? null,
          changes.theme !== undefined,
          changes.theme ?? null,
          changes.partner !== undefined,
          changes.partner ?? null,
          changes.tags ?? null,
          changes.externalIds ?? null,
        ],
      );
      return toCreative(this.first(rows[0], id));
    } catch (error) {
      if (isUniqueViolation(error)) throw keyTaken(changes.key ?? '');
      throw error;
    }
  }

  async remove(params: { auth: AuthContext; ip: string | null; id: string; deleteData: boolean }): Promise<void> {
    const { auth, ip, id } = params;
    const { orgId } = auth;
    await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<CreativeRow[]>(
        `SELECT ${COLUMNS} FROM creatives WHERE org_id = $1 AND id = $2 FOR UPDATE`,
        [orgId, id],
      );
      const creative = this.first(rows, id);
      const withData = await hasData(manager, { orgId, column: 'creative_id', id });
      if (withData && !params.deleteData) {
        throw new CampaignsError(
          'has_data',
          `Creative '${creative.key}' has recorded figures; delete with ?deleteData=true to remove them too`,
        );
      }
      if (withData) await deleteData(manager, { orgId, column: 'creative_id', id });
      await manager.query('DELETE FROM creatives WHERE org_id = $1 AND id = $2', [orgId, id]);
      await this.audit.record({
        orgId,
        actor: auth,
        action: 'creative.deleted',
        target: { type: 'creative', id },
        ip,
        details: { key: creative.key, campaignId: creative.campaign_id, deletedData: withData },
        manager,
      });
    });
  }

  private first(rows: CreativeRow[], id: string): CreativeRow {
    const row = rows[0];
    if (!row) throw new CampaignsError('creative_not_found', `No creative with id ${id} in this organisation`);
    return row;
  }

  private async requireCampaign(
    params: { orgId: string; campaignId: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    const rows = await manager.query<unknown[]>('SELECT 1 FROM campaigns WHERE org_id = $1 AND id = $2', [
      params.orgId,
      params.campaignId,
    ]);
    if (rows.length === 0) {
      throw new CampaignsError('campaign_not_found', `No campaign with id ${params.campaignId} in this organisation`);
    }
  }
}
