import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrganizationSettings } from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { OrganizationEntity } from './organization.entity.js';

function toSettings(org: OrganizationEntity): OrganizationSettings {
  return {
    id: org.id,
    name: org.name,
    suppressionThreshold: org.suppressionThreshold,
    isDemo: org.isDemo,
    createdAt: org.createdAt.toISOString(),
  };
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(params: { orgId: string }): Promise<OrganizationSettings> {
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: params.orgId });
    if (!org) throw new NotFoundException('Organisation not found');
    return toSettings(org);
  }

  async update(params: {
    auth: AuthContext;
    ip: string | null;
    changes: { name?: string; suppressionThreshold?: number };
  }): Promise<OrganizationSettings> {
    const { orgId } = params.auth;
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.findOne(OrganizationEntity, {
        where: { id: orgId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!before) throw new NotFoundException('Organisation not found');
      const changes: Partial<Pick<OrganizationEntity, 'name' | 'suppressionThreshold'>> = {};
      if (params.changes.name !== undefined) changes.name = params.changes.name.trim();
      if (params.changes.suppressionThreshold !== undefined)
        changes.suppressionThreshold = params.changes.suppressionThreshold;
      if (Object.keys(changes).length === 0) return toSettings(before);
      await manager.update(OrganizationEntity, { id: orgId }, changes);
      await this.audit.record({
        orgId,
        actor: params.auth,
        action: 'organization.updated',
        target: { type: 'organization', id: orgId },
        ip: params.ip,
        details: {
          from: { name: before.name, suppressionThreshold: before.suppressionThreshold },
          to: changes,
        },
        manager,
      });
      return toSettings({ ...before, ...changes });
    });
  }
}
