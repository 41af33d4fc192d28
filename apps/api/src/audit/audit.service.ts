import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditEventView, AuditListResponse } from '@resonance/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';

/** Who did it: a user, an API key, or neither (the system, or a failed sign-in). AuthContext fits. */
export interface AuditActor {
  userId?: string | null;
  apiKeyId?: string | null;
}

export interface AuditRecordInput {
  orgId: string;
  actor: AuditActor | null;
  action: AuditAction;
  target?: { type: string; id: string } | null;
  ip?: string | null;
  /** Never passwords, keys, tokens or member identifiers. */
  details?: Record<string, unknown>;
  /** Write inside the caller's transaction. */
  manager?: EntityManager;
}

interface AuditRow {
  id: string;
  at: Date;
  action: AuditAction;
  actor_user_id: string | null;
  actor_email: string | null;
  actor_api_key_id: string | null;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(input: AuditRecordInput): Promise<void> {
    const manager = input.manager ?? this.dataSource.manager;
    await manager.insert(AuditEventEntity, {
      orgId: input.orgId,
      at: new Date(),
      actorUserId: input.actor?.userId ?? null,
      actorApiKeyId: input.actor?.apiKeyId ?? null,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      ip: input.ip ?? null,
      details: (input.details ?? {}) as AuditEventEntity['details'] & object,
    });
    this.logger.debug(`audit ${input.action} org=${input.orgId} target=${input.target?.id ?? '-'}`);
  }

  async list(params: { orgId: string; limit: number; offset: number }): Promise<AuditListResponse> {
    const [rows, countRows] = await Promise.all([
      this.dataSource.query<AuditRow[]>(
        `SELECT e.id, e.at, e.action, e.actor_user_id, u.email AS actor_email, e.actor_api_key_id,
                e.target_type, e.target_id, host(e.ip) AS ip, e.details
           FROM audit_events e
           LEFT JOIN users u ON u.org_id = e.org_id AND u.id = e.actor_user_id
          WHERE e.org_id = $1
          ORDER BY e.at DESC, e.id DESC
          LIMIT $2 OFFSET $3`,
        [params.orgId, params.limit, params.offset],
      ),
      this.dataSource.query<{ total: string }[]>(`SELECT count(*) AS total FROM audit_events WHERE org_id = $1`, [
        params.orgId,
      ]),
    ]);
    return { items: rows.map(toView), total: Number(countRows[0]?.total ?? 0) };
  }
}

function toView(row: AuditRow): AuditEventView {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    action: row.action,
    actor: { userId: row.actor_user_id, email: row.actor_email, apiKeyId: row.actor_api_key_id },
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    ip: row.ip,
    details: row.details,
  };
}
