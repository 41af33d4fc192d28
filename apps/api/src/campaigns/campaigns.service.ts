import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  Campaign,
  CampaignListResponse,
  CreateCampaignRequest,
  UpdateCampaignRequest,
} from '@resonance/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { CampaignEntity } from './campaign.entity.js';
import { CampaignsError } from './campaigns.errors.js';
import { deleteData, hasData } from '../warehouse/events/catalog-data.js';
import { isUniqueViolation } from '../infra/database/pg-errors.js';

interface CampaignRow {
  id: string;
  key: string;
  name: string;
  objective: string | null;
  starts_on: string | null;
  ends_on: string | null;
  tags: string[];
  creative_count: number;
  needing_details: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT_CAMPAIGNS = `
  SELECT c.id, c.key, c.name, c.objective, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on,
         to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on, c.tags, c.created_at, c.updated_at,
         (SELECT count(*)::int FROM creatives k WHERE k.org_id = c.org_id AND k.campaign_id = c.id) AS creative_count,
         (SELECT count(*)::int FROM creatives k WHERE k.org_id = c.org_id AND k.campaign_id = c.id AND k.needs_details) AS needing_details
    FROM campaigns c`;

function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    objective: row.objective,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    tags: row.tags,
    creativeCount: row.creative_count,
    creativesNeedingDetails: row.needing_details,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function checkWindow(startsOn: string | null | undefined, endsOn: string | null | undefined): void {
  if (startsOn && endsOn && startsOn > endsOn) {
    throw new CampaignsError('invalid_window', `startsOn (${startsOn}) must be on or before endsOn (${endsOn})`, {
      field: 'endsOn',
    });
  }
}

function keyTaken(key: string): CampaignsError {
  return new CampaignsError('campaign_key_taken', `A campaign with key '${key}' already exists; choose another key`, {
    field: 'key',
  });
}

@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(params: { orgId: string; limit?: number; offset?: number }): Promise<CampaignListResponse> {
    const { orgId, limit = 100, offset = 0 } = params;
    const [rows, totals] = await Promise.all([
      this.dataSource.query<CampaignRow[]>(
        `${SELECT_CAMPAIGNS} WHERE c.org_id = $1 ORDER BY c.starts_on DESC NULLS LAST, c.key LIMIT $2 OFFSET $3`,
        [orgId, limit, offset],
      ),
      this.dataSource.query<{ total: number }[]>('SELECT count(*)::int AS total FROM campaigns WHERE org_id = $1', [
        orgId,
      ]),
    ]);
    return { items: rows.map(toCampaign), total: totals[0]?.total ?? 0 };
  }

  async get(params: { orgId: string; id: string }): Promise<Campaign> {
    return this.find(this.dataSource.manager, params);
  }

  async create(params: { orgId: string; input: CreateCampaignRequest }): Promise<Campaign> {
    const { orgId, input } = params;
    checkWindow(input.startsOn, input.endsOn);
    try {
      const inserted = await this.dataSource.getRepository(CampaignEntity).insert({
        orgId,
        key: input.key,
        name: input.name,
        objective: input.objective ?? null,
        startsOn: input.startsOn ?? null,
        endsOn: input.endsOn ?? null,
        tags: input.tags ?? [],
      });
      return await this.get({ orgId, id: String(inserted.identifiers[0]?.['id'] ?? '') });
    } catch (error) {
      if (isUniqueViolation(error)) throw keyTaken(input.key);
      throw error;
    }
  }

  async update(params: { orgId: string; id: string; changes: UpdateCampaignRequest }): Promise<Campaign> {
    const { orgId, id, changes } = params;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const before = await this.find(manager, { orgId, id, lock: true });
        checkWindow(
          changes.startsOn === undefined ? before.startsOn : changes.startsOn,
          changes.endsOn === undefined ? before.endsOn : changes.endsOn,
        );
        await manager.getRepository(CampaignEntity).update(
          { orgId, id },
          {
            ...(changes.key !== undefined ? { key: changes.key } : {}),
            ...(changes.name !== undefined ? { name: changes.name } : {}),
            ...(changes.objective !== undefined ? { objective: changes.objective } : {}),
            ...(changes.startsOn !== undefined ? { startsOn: changes.startsOn } : {}),
            ...(changes.endsOn !== undefined ? { endsOn: changes.endsOn } : {}),
            ...(changes.tags !== undefined ? { tags: changes.tags } : {}),
            updatedAt: () => 'now()',
          },
        );
        return this.find(manager, { orgId, id });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw keyTaken(changes.key ?? '');
      throw error;
    }
  }

  async remove(params: { auth: AuthContext; ip: string | null; id: string; deleteData: boolean }): Promise<void> {
    const { auth, ip, id } = params;
    const { orgId } = auth;
    await this.dataSource.transaction(async (manager) => {
      const campaign = await this.find(manager, { orgId, id, lock: true });
      const withData = await hasData(manager, { orgId, column: 'campaign_id', id });
      if (withData && !params.deleteData) {
        throw new CampaignsError(
          'has_data',
          `Campaign '${campaign.key}' has recorded figures; delete with ?deleteData=true to remove them too`,
        );
      }
      if (withData) await deleteData(manager, { orgId, column: 'campaign_id', id });
      // Creatives go with it (foreign key ON DELETE CASCADE).
      await manager.getRepository(CampaignEntity).delete({ orgId, id });
      await this.audit.record({
        orgId,
        actor: auth,
        action: 'campaign.deleted',
        target: { type: 'campaign', id },
        ip,
        details: { key: campaign.key, deletedData: withData },
        manager,
      });
    });
  }

  private async find(manager: EntityManager, params: { orgId: string; id: string; lock?: boolean }): Promise<Campaign> {
    if (params.lock) {
      await manager.getRepository(CampaignEntity).findOne({
        select: { id: true },
        where: { orgId: params.orgId, id: params.id },
        lock: { mode: 'pessimistic_write' },
      });
    }
    const rows = await manager.query<CampaignRow[]>(`${SELECT_CAMPAIGNS} WHERE c.org_id = $1 AND c.id = $2`, [
      params.orgId,
      params.id,
    ]);
    const row = rows[0];
    if (!row) throw new CampaignsError('campaign_not_found', `No campaign with id ${params.id} in this organisation`);
    return toCampaign(row);
  }
}
