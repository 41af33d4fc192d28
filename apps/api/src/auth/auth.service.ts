import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MeResponse } from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { AccountsService, normalizeEmail } from '../accounts/accounts.service.js';
import { PasswordHasher } from '../accounts/password-hasher.js';
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
    429,
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
  ) {}

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
      throw new AuthError('invalid_credentials', WRONG_CREDENTIALS, 401);
    }
    const failure = (reason: string, details: Record<string, unknown> = {}) =>
      this.audit.record({
        orgId: user.orgId,
        actor: null,
        action: 'auth.login_failed',
        target: { type: 'user', id: user.id },
        ip: params.ip,
        details: { reason, ...details },
      });

    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await failure('locked');
      this.logger.log(`Sign-in refused for user ${user.id}: locked`);
      throw lockedError(user.lockedUntil);
    }
    if (!(await this.hasher.verify(user.passwordHash, params.password))) {
      const rows = await this.dataSource.query<{ locked_until: Date | null; locked_now: boolean }[]>(
        `WITH updated AS (
           UPDATE users SET
             failed_login_count = CASE WHEN failed_login_count + 1 >= $3 THEN 0 ELSE failed_login_count + 1 END,
             locked_until = CASE WHEN failed_login_count + 1 >= $3 THEN now() + $4 * interval '1 second' ELSE locked_until END
           WHERE org_id = $1 AND id = $2
           RETURNING locked_until, failed_login_count = 0 AS locked_now)
         SELECT locked_until, locked_now FROM updated`,
        [user.orgId, user.id, MAX_FAILED_LOGINS, LOCK_SECONDS],
      );
      const lockedNow = rows[0]?.locked_now === true && rows[0].locked_until !== null;
      await failure('wrong_password', lockedNow ? { locked: true } : {});
      this.logger.log(`Sign-in failed for user ${user.id}${lockedNow ? ': now locked' : ''}`);
      if (lockedNow && rows[0]?.locked_until) throw lockedError(new Date(rows[0].locked_until));
      throw new AuthError('invalid_credentials', WRONG_CREDENTIALS, 401);
    }

    return this.dataSource.transaction(async (manager) => {
      if (user.failedLoginCount > 0 || user.lockedUntil) {
        await manager.update(
          UserEntity,
          { orgId: user.orgId, id: user.id },
          { failedLoginCount: 0, lockedUntil: null },
        );
      }
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
        403,
      );
    }
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
    if (!user || !org) throw new AccessError('session_expired', 'Your session has ended; sign in again.', 401);
    return toMe(user, org);
  }
}

function toMe(user: UserEntity, org: OrganizationEntity): MeResponse {
  return {
    user: { id: user.id, email: user.email, role: user.role },
    organization: { id: org.id, name: org.name, suppressionThreshold: org.suppressionThreshold },
  };
}
