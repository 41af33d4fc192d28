import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PasswordResetLink } from '@resonance/contracts';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { AccountsError } from './accounts.errors.js';
import { PasswordResetEntity } from './password-reset.entity.js';
import { UserEntity } from './user.entity.js';

/** How long a reset link works: long enough to reach the member, short enough to be lost harmlessly. */
export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function invalidResetLink(): AccountsError {
  return new AccountsError(
    'reset_link_invalid',
    'This reset link is not valid: it was already used, has expired (links last 24 hours), or a newer one replaced it. Ask an owner of your organisation for a new link.',
    { field: 'token' },
  );
}

/** Owner-issued, one-time, expiring password resets; the token is shown once and stored hashed. */
@Injectable()
export class PasswordResetsService {
  private readonly logger = new Logger(PasswordResetsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async issue(params: { auth: AuthContext; ip: string | null; userId: string }): Promise<PasswordResetLink> {
    const { orgId } = params.auth;
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneBy(UserEntity, { orgId, id: params.userId });
      if (!user) throw new AccountsError('member_not_found', 'No member with this id in your organisation.');
      // Only the newest link works: an older one handed to the wrong person stops working.
      await manager.delete(PasswordResetEntity, { orgId, userId: user.id, usedAt: IsNull() });
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + RESET_LINK_TTL_MS);
      const reset = manager.create(PasswordResetEntity, {
        orgId,
        userId: user.id,
        tokenHash: hashToken(token),
        createdBy: params.auth.userId ?? null,
        expiresAt,
        usedAt: null,
      });
      await manager.insert(PasswordResetEntity, reset);
      await this.audit.record({
        orgId,
        actor: params.auth,
        action: 'member.password_reset_issued',
        target: { type: 'user', id: user.id },
        ip: params.ip,
        details: { email: user.email, resetId: reset.id, expiresAt: expiresAt.toISOString() },
        manager,
      });
      this.logger.log(`User ${params.auth.userId ?? '-'} issued password reset ${reset.id} for member ${user.id}`);
      return { path: `/reset-password?token=${token}`, token, expiresAt: expiresAt.toISOString() };
    });
  }

  /** The unused, unexpired reset behind a token, or reset_link_invalid. */
  async find(params: { token: string }): Promise<PasswordResetEntity> {
    const reset = await this.dataSource
      .getRepository(PasswordResetEntity)
      .findOneBy({ tokenHash: hashToken(params.token), usedAt: IsNull() });
    if (!reset || reset.expiresAt.getTime() <= Date.now()) throw invalidResetLink();
    return reset;
  }

  /** Marks the reset used; false when another request used it first. */
  async claim(params: { reset: PasswordResetEntity; manager: EntityManager }): Promise<boolean> {
    const rows = await params.manager.query<{ id: string }[]>(
      `WITH claimed AS (
         UPDATE password_resets SET used_at = now()
          WHERE org_id = $1 AND id = $2 AND used_at IS NULL AND expires_at > now()
          RETURNING id)
       SELECT id FROM claimed`,
      [params.reset.orgId, params.reset.id],
    );
    return rows.length === 1;
  }
}
