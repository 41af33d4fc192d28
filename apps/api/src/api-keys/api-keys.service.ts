import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApiKeyListResponse, ApiKeyScope, ApiKeySummary, CreatedApiKey } from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { ApiKeysError } from './api-keys.errors.js';

export const API_KEY_PREFIX = 'rsn_';
const PREFIX_LENGTH = 8;
/** `last_used_at` is written at most this often per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

function toSummary(key: ApiKeyEntity): ApiKeySummary {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(params: {
    auth: AuthContext;
    ip: string | null;
    name: string;
    scopes: ApiKeyScope[];
  }): Promise<CreatedApiKey> {
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    return this.dataSource.transaction(async (manager) => {
      const entity = manager.create(ApiKeyEntity, {
        orgId: params.auth.orgId,
        name: params.name.trim(),
        prefix: key.slice(0, PREFIX_LENGTH),
        keyHash: hashApiKey(key),
        scopes: [...new Set(params.scopes)].sort(),
        createdBy: params.auth.userId ?? null,
      });
      await manager.insert(ApiKeyEntity, entity);
      const saved = await manager.findOneByOrFail(ApiKeyEntity, { orgId: entity.orgId, id: entity.id });
      await this.audit.record({
        orgId: saved.orgId,
        actor: params.auth,
        action: 'api_key.created',
        target: { type: 'api_key', id: saved.id },
        ip: params.ip,
        details: { name: saved.name, scopes: saved.scopes, prefix: saved.prefix },
        manager,
      });
      this.logger.log(`User ${params.auth.userId ?? '-'} created API key ${saved.id} in org ${saved.orgId}`);
      return {
        id: saved.id,
        name: saved.name,
        scopes: saved.scopes,
        prefix: saved.prefix,
        key,
        createdAt: saved.createdAt.toISOString(),
      };
    });
  }

  async list(params: { orgId: string }): Promise<ApiKeyListResponse> {
    const keys = await this.dataSource
      .getRepository(ApiKeyEntity)
      .find({ where: { orgId: params.orgId }, order: { createdAt: 'DESC', id: 'ASC' } });
    return { items: keys.map(toSummary), total: keys.length };
  }

  async revoke(params: { auth: AuthContext; ip: string | null; id: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const key = await manager.findOne(ApiKeyEntity, {
        where: { orgId: params.auth.orgId, id: params.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!key) throw new ApiKeysError('api_key_not_found', 'No API key with this id in your organisation.');
      if (key.revokedAt) return;
      await manager.update(ApiKeyEntity, { orgId: key.orgId, id: key.id }, { revokedAt: new Date() });
      await this.audit.record({
        orgId: key.orgId,
        actor: params.auth,
        action: 'api_key.revoked',
        target: { type: 'api_key', id: key.id },
        ip: params.ip,
        details: { name: key.name, prefix: key.prefix },
        manager,
      });
      this.logger.log(`API key ${key.id} revoked in org ${key.orgId}`);
    });
  }

  /**
   * The AuthContext for a bearer key, or null when it is unknown or revoked. Every API request asks
   * this, so it is one plain query: TypeORM's query builder cost about a millisecond of the api's CPU a
   * request (a fifth of an ingest batch's request-thread time, docs/scaling.md, eighteenth session).
   */
  async authenticate(key: string): Promise<AuthContext | null> {
    if (!key.startsWith(API_KEY_PREFIX)) return null;
    const rows: { id: string; orgId: string; scopes: ApiKeyEntity['scopes']; lastUsedAt: Date | null }[] =
      await this.dataSource.query(
        `SELECT id, org_id AS "orgId", scopes, last_used_at AS "lastUsedAt"
           FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
        [hashApiKey(key)],
      );
    const found = rows[0];
    if (!found) return null;
    if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.dataSource.query(
        `UPDATE api_keys SET last_used_at = now()
          WHERE org_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [found.orgId, found.id],
      );
    }
    return { orgId: found.orgId, via: 'api_key', apiKeyId: found.id, scopes: found.scopes };
  }
}
