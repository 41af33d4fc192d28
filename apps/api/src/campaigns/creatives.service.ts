import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  CreateCreativeRequest,
  Creative,
  CreativeListResponse,
  UpdateCreativeRequest,
} from '@resonance/contracts';
import { DataSource, type EntityManager, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { CampaignEntity } from './campaign.entity.js';
import { CampaignsError } from './campaigns.errors.js';
import { CreativeEntity } from './creative.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
import { deleteData, hasData } from '../warehouse/events/catalog-data.js';
import { isUniqueViolation } from '../infra/database/pg-errors.js';

function toCreative(row: CreativeEntity): Creative {
  return {
    id: row.id,
    campaignId: row.campaignId,
    key: row.key,
    name: row.name,
    platform: row.platform,
    format: row.format,
    theme: row.theme,
    partner: row.partner,
    tags: row.tags,
    externalIds: row.externalIds,
    needsDetails: row.needsDetails,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
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

  private repo(manager: EntityManager = this.dataSource.manager): Repository<CreativeEntity> {
    return manager.getRepository(CreativeEntity);
  }

  async list(params: {
    orgId: string;
    campaignId: string;
    needsDetails?: boolean;
    limit?: number;
    offset?: number;
  }): Promise<CreativeListResponse> {
    const { orgId, campaignId, limit = 100, offset = 0 } = params;
    await this.requireCampaign({ orgId, campaignId });
    const [rows, total] = await this.repo().findAndCount({
      where: { orgId, campaignId, ...(params.needsDetails === undefined ? {} : { needsDetails: params.needsDetails }) },
      order: { needsDetails: 'DESC', key: 'ASC' },
      take: limit,
      skip: offset,
    });
    return { items: rows.map(toCreative), total };
  }

  async create(params: { orgId: string; campaignId: string; input: CreateCreativeRequest }): Promise<Creative> {
    const { orgId, campaignId, input } = params;
    await this.requireCampaign({ orgId, campaignId });
    try {
      const inserted = await this.repo().insert({
        orgId,
        campaignId,
        key: input.key,
        name: input.name,
        platform: input.platform,
        format: input.format,
        theme: input.theme ?? null,
        partner: input.partner ?? null,
        tags: input.tags ?? [],
        externalIds: input.externalIds ?? [],
      });
      return toCreative(await this.find(this.repo(), orgId, String(inserted.identifiers[0]?.['id'] ?? '')));
    } catch (error) {
      if (isUniqueViolation(error)) throw keyTaken(input.key);
      throw error;
    }
  }

  /** Any edit means someone has looked at the creative, so it no longer asks for details. */
  async update(params: { orgId: string; id: string; changes: UpdateCreativeRequest }): Promise<Creative> {
    const { orgId, id, changes } = params;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const repo = this.repo(manager);
        await this.find(repo, orgId, id, true);
        await repo.update(
          { orgId, id },
          {
            ...(changes.key !== undefined ? { key: changes.key } : {}),
            ...(changes.name !== undefined ? { name: changes.name } : {}),
            ...(changes.platform !== undefined ? { platform: changes.platform } : {}),
            ...(changes.format !== undefined ? { format: changes.format } : {}),
            ...(changes.theme !== undefined ? { theme: changes.theme } : {}),
            ...(changes.partner !== undefined ? { partner: changes.partner } : {}),
            ...(changes.tags !== undefined ? { tags: changes.tags } : {}),
            ...(changes.externalIds !== undefined ? { externalIds: changes.externalIds } : {}),
            needsDetails: false,
            updatedAt: () => 'now()',
          },
        );
        return toCreative(await this.find(repo, orgId, id));
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
      const repo = this.repo(manager);
      const creative = await this.find(repo, orgId, id, true);
      const withData = await hasData(manager, { orgId, column: 'creative_id', id });
      if (withData && !params.deleteData) {
        throw new CampaignsError(
          'has_data',
          `Creative '${creative.key}' has recorded figures; delete with ?deleteData=true to remove them too`,
        );
      }
      if (withData) await deleteData(manager, { orgId, column: 'creative_id', id });
      await repo.delete({ orgId, id });
      await this.audit.record({
        orgId,
        actor: auth,
        action: 'creative.deleted',
        target: { type: 'creative', id },
        ip,
        details: { key: creative.key, campaignId: creative.campaignId, deletedData: withData },
        manager,
      });
    });
  }

  /** The creative (locked for update when asked), or 404. */
  private async find(
    repo: Repository<CreativeEntity>,
    orgId: string,
    id: string,
    lock = false,
  ): Promise<CreativeEntity> {
    const row = UUID.test(id)
      ? await repo.findOne({ where: { orgId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) })
      : null;
    if (!row) throw new CampaignsError('creative_not_found', `No creative with id ${id} in this organisation`);
    return row;
  }

  private async requireCampaign(params: { orgId: string; campaignId: string }): Promise<void> {
    const exists = UUID.test(params.campaignId)
      ? await this.dataSource.getRepository(CampaignEntity).existsBy({ orgId: params.orgId, id: params.campaignId })
      : false;
    if (!exists) {
      throw new CampaignsError('campaign_not_found', `No campaign with id ${params.campaignId} in this organisation`);
    }
  }
}
