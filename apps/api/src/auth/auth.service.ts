import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MeResponse } from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { AccountsService, normalizeEmail } from '../accounts/accounts.service.js';
import { PasswordHasher } from '../accounts/password-hasher.js';
import { assertStrongPassword } from '../accounts/password-policy.js';
import { invalidResetLink, PasswordResetsService } from '../accounts/password-resets.service.js';
import { UserEntity } from '../accounts/user.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { AccessError } from '../common/auth/access.errors.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { APP_CONFIG, type AppConfig } from '../infra/config/app-config.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { AuthError } from './auth.errors.js';
import { SessionsService } from './sessions.service.js';

/** Failed sign-ins in a row before the account is locked, and for how long. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_SECONDS = 15 * 60;

const WRONG_CREDENTIALS = 'Email or password is incorrect.';

export interface SignedIn {
  me: MeResponse;
  token: string;
  csrfToken: string;
}

function lockedError(until: Date): AuthError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AuthError(
    'account_locked',
    `Too many failed sign-in attempts: sign-in is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}, until ${until.toISOString()}.`,
    { retryAt: until.toISOString(), retryAfterSeconds: seconds },
  );
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly resets: PasswordResetsService,
  ) {}

  /**
   * The attempt is counted in the database before the password is checked (one UPDATE, row
   * locked), so concurrent guesses cannot all be verified before the lock lands: exactly
   * MAX_FAILED_LOGINS are checked, the rest are refused as locked. A right password clears it.
   */
  private async reserveAttempt(user: {
    orgId: string;
    id: string;
  }): Promise<{ allowed: true; lockedUntil: Date | null } | { allowed: false; lockedUntil: Date }> {
    const now = new Date();
    const rows = await this.dataSource.query<{ failed_login_count: number; locked_until: Date | null }[]>(
      // An expired lock starts the count again; the WHERE refuses while a lock holds. The time is a
      // parameter: Citus refuses stable functions (now(), timestamptz + interval) inside CASE in an UPDATE
      // of a distributed or reference table.
      `WITH reserved AS (
       UPDATE users SET
         failed_login_count = CASE WHEN locked_until <= $4::timestamptz THEN 1 ELSE failed_login_count + 1 END,
         locked_until = CASE
           WHEN (CASE WHEN locked_until <= $4::timestamptz THEN 1 ELSE failed_login_count + 1 END) >= $3
             THEN $5::timestamptz
           ELSE NULL END
        WHERE org_id = $1 AND id = $2 AND (locked_until IS NULL OR locked_until <= $4::timestamptz)
       RETURNING failed_login_count, locked_until)
       SELECT failed_login_count, locked_until FROM reserved`,
      [
        user.orgId,
        user.id,
        MAX_FAILED_LOGINS,
        now.toISOString(),
        new Date(now.getTime() + LOCK_SECONDS * 1000).toISOString(),
      ],
    );
    const row = rows[0];
    if (row) return { allowed: true, lockedUntil: row.locked_until ? new Date(row.locked_until) : null };
    const locked = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ select: { lockedUntil: true }, where: { orgId: user.orgId, id: user.id } });
    return { allowed: false, lockedUntil: new Date(locked?.lockedUntil ?? Date.now() + LOCK_SECONDS * 1000) };
  }

  /**
   * Checks a user's password through the attempt counter (sign-in and password change share it);
   * throws account_locked or `onWrong()`'s error.
   */
  private async checkPassword(params: {
    user: { orgId: string; id: string; passwordHash: string };
    password: string;
    onFailure: (reason: string, details?: Record<string, unknown>) => Promise<void>;
    wrongError: () => Error;
  }): Promise<void> {
    const { user } = params;
    const reservation = await this.reserveAttempt(user);
    if (!reservation.allowed) {
      await params.onFailure('locked');
      this.logger.log(`Password check refused for user ${user.id}: locked`);
      throw lockedError(reservation.lockedUntil);
    }
    if (!(await this.hasher.verify(user.passwordHash, params.password))) {
      const lockedNow = reservation.lockedUntil !== null;
      await params.onFailure('wrong_password', lockedNow ? { locked: true } : {});
      this.logger.log(`Password check failed for user ${user.id}${lockedNow ? ': now locked' : ''}`);
      if (reservation.lockedUntil) throw lockedError(reservation.lockedUntil);
      throw params.wrongError();
    }
    await this.dataSource
      .getRepository(UserEntity)
      .update({ orgId: user.orgId, id: user.id }, { failedLoginCount: 0, lockedUntil: null });
  }

  async login(params: { email: string; password: string; ip: string | null }): Promise<SignedIn> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalizeEmail(params.email) })
      .getOne();
    if (!user) {
      // Same work as a real check, so timing does not tell whether the email exists.
      await this.hasher.verifyAgainstDummy(params.password);
      this.logger.log('Sign-in failed: no account with that email');
      throw new AuthError('invalid_credentials', WRONG_CREDENTIALS);
    }
    await this.checkPassword({
      user,
      password: params.password,
      onFailure: (reason, details = {}) =>
        this.audit.record({
          orgId: user.orgId,
          actor: null,
          action: 'auth.login_failed',
          target: { type: 'user', id: user.id },
          ip: params.ip,
          details: { reason, ...details },
        }),
      wrongError: () => new AuthError('invalid_credentials', WRONG_CREDENTIALS),
    });

    return this.dataSource.transaction(async (manager) => {
      const session = await this.sessions.create({ orgId: user.orgId, userId: user.id, manager });
      await this.audit.record({
        orgId: user.orgId,
        actor: { userId: user.id },
        action: 'auth.login_succeeded',
        target: { type: 'user', id: user.id },
        ip: params.ip,
        manager,
      });
      this.logger.log(`User ${user.id} signed in`);
      const org = await manager.findOneByOrFail(OrganizationEntity, { id: user.orgId });
      return { me: toMe(user, org), ...session };
    });
  }

  /** Changes the caller's own password (the current one is checked like a sign-in); other sessions end. */
  async changePassword(params: {
    auth: AuthContext;
    currentPassword: string;
    newPassword: string;
    ip: string | null;
  }): Promise<void> {
    const { orgId, userId, sessionId } = params.auth;
    if (!userId || !sessionId) {
      throw new AccessError('session_expired', 'Sign in to change your password (API keys have none).');
    }
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.org_id = :orgId AND u.id = :userId', { orgId, userId })
      .getOne();
    if (!user) throw new AccessError('session_expired', 'Your session has ended; sign in again.');
    await this.checkPassword({
      user,
      password: params.currentPassword,
      onFailure: (reason, details = {}) =>
        this.audit.record({
          orgId,
          actor: params.auth,
          action: 'auth.password_changed',
          target: { type: 'user', id: userId },
          ip: params.ip,
          details: { succeeded: false, reason, ...details },
        }),
      wrongError: () =>
        new AuthError('wrong_current_password', 'currentPassword is not your current password.', {
          field: 'currentPassword',
        }),
    });
    await assertStrongPassword({ password: params.newPassword, email: user.email });
    const passwordHash = await this.hasher.hash(params.newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(UserEntity, { orgId, id: userId }, { passwordHash });
      const ended = await this.sessions.endAllForUser({ orgId, userId, keepSessionId: sessionId, manager });
      await this.audit.record({
        orgId,
        actor: params.auth,
        action: 'auth.password_changed',
        target: { type: 'user', id: userId },
        ip: params.ip,
        details: { succeeded: true, otherSessionsEnded: ended },
        manager,
      });
    });
    this.logger.log(`User ${userId} changed their password`);
  }

  /** Sets a new password with an owner-issued reset token; every session of the member ends. */
  async completePasswordReset(params: { token: string; newPassword: string; ip: string | null }): Promise<void> {
    const reset = await this.resets.find({ token: params.token });
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ orgId: reset.orgId, id: reset.userId });
    if (!user) throw invalidResetLink();
    await assertStrongPassword({ password: params.newPassword, email: user.email });
    const passwordHash = await this.hasher.hash(params.newPassword);
    await this.dataSource.transaction(async (manager) => {
      // Claimed in the same transaction as the new password: a link works once, even when raced.
      if (!(await this.resets.claim({ reset, manager }))) throw invalidResetLink();
      await manager.update(
        UserEntity,
        { orgId: user.orgId, id: user.id },
        { passwordHash, failedLoginCount: 0, lockedUntil: null },
      );
      const ended = await this.sessions.endAllForUser({ orgId: user.orgId, userId: user.id, manager });
      await this.audit.record({
        orgId: user.orgId,
        actor: { userId: user.id },
        action: 'auth.password_reset',
        target: { type: 'user', id: user.id },
        ip: params.ip,
        details: { resetId: reset.id, issuedBy: reset.createdBy, sessionsEnded: ended },
        manager,
      });
    });
    this.logger.log(`User ${user.id} set a new password with reset ${reset.id}`);
  }

  async signup(params: {
    organizationName: string;
    email: string;
    password: string;
    ip: string | null;
  }): Promise<SignedIn> {
    if (!this.config.allowSignup) {
      throw new AuthError(
        'signup_disabled',
        'Sign-up is turned off on this server: ask an owner of your organisation to add you, or set RESONANCE_ALLOW_SIGNUP=true.',
      );
    }
    await assertStrongPassword({
      password: params.password,
      email: params.email,
      names: [params.organizationName],
    });
    return this.dataSource.transaction(async (manager) => {
      const { organization, owner } = await this.accounts.createOrganizationWithOwner({
        name: params.organizationName,
        email: params.email,
        password: params.password,
        manager,
      });
      const session = await this.sessions.create({ orgId: organization.id, userId: owner.id, manager });
      await this.audit.record({
        orgId: organization.id,
        actor: { userId: owner.id },
        action: 'auth.signup',
        target: { type: 'organization', id: organization.id },
        ip: params.ip,
        manager,
      });
      return { me: toMe(owner, organization), ...session };
    });
  }

  async logout(params: { auth: AuthContext; ip: string | null }): Promise<void> {
    if (params.auth.sessionId) await this.sessions.end({ orgId: params.auth.orgId, sessionId: params.auth.sessionId });
    await this.audit.record({
      orgId: params.auth.orgId,
      actor: params.auth,
      action: 'auth.logout',
      target: params.auth.userId ? { type: 'user', id: params.auth.userId } : null,
      ip: params.ip,
    });
  }

  async me(params: { auth: AuthContext }): Promise<MeResponse> {
    const { orgId, userId } = params.auth;
    const user = userId ? await this.dataSource.getRepository(UserEntity).findOneBy({ orgId, id: userId }) : null;
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: orgId });
    if (!user || !org) throw new AccessError('session_expired', 'Your session has ended; sign in again.');
    return toMe(user, org);
  }
}

function toMe(user: UserEntity, org: OrganizationEntity): MeResponse {
  return {
    user: { id: user.id, email: user.email, role: user.role },
    organization: { id: org.id, name: org.name, suppressionThreshold: org.suppressionThreshold },
  };
}
