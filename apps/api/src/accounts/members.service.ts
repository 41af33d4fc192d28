import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Member, MemberListResponse, Role } from '@resonance/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { AccountsError } from './accounts.errors.js';
import { AccountsService } from './accounts.service.js';
import { assertStrongPassword } from './password-policy.js';
import { UserEntity } from './user.entity.js';

interface MemberAction {
  auth: AuthContext;
  ip: string | null;
}

export function toMember(user: UserEntity): Member {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    lockedUntil: user.lockedUntil && user.lockedUntil > new Date() ? user.lockedUntil.toISOString() : null,
  };
}

@Injectable()
export class MembersService {
  private readonly logger = new Logger(MembersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AuditService,
  ) {}

  async list(params: { orgId: string }): Promise<MemberListResponse> {
    const users = await this.dataSource
      .getRepository(UserEntity)
      .find({ where: { orgId: params.orgId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { items: users.map(toMember), total: users.length };
  }

  async create(params: MemberAction & { email: string; password: string; role: Role }): Promise<Member> {
    await assertStrongPassword({ password: params.password, email: params.email });
    return this.dataSource.transaction(async (manager) => {
      const user = await this.accounts.createUser({
        orgId: params.auth.orgId,
        email: params.email,
        password: params.password,
        role: params.role,
        manager,
      });
      await this.audit.record({
        orgId: params.auth.orgId,
        actor: params.auth,
        action: 'member.created',
        target: { type: 'user', id: user.id },
        ip: params.ip,
        details: { email: user.email, role: user.role },
        manager,
      });
      this.logger.log(`User ${params.auth.userId ?? '-'} added member ${user.id} to org ${params.auth.orgId}`);
      return toMember(user);
    });
  }

  async changeRole(params: MemberAction & { userId: string; role: Role }): Promise<Member> {
    return this.dataSource.transaction(async (manager) => {
      const user = await this.lockMember(manager, params.auth.orgId, params.userId);
      if (user.role === params.role) return toMember(user);
      if (user.role === 'owner') await this.assertAnotherOwner(manager, params.auth.orgId, user.id, 'demote');
      const from = user.role;
      await manager.update(UserEntity, { orgId: params.auth.orgId, id: user.id }, { role: params.role });
      await this.audit.record({
        orgId: params.auth.orgId,
        actor: params.auth,
        action: 'member.role_changed',
        target: { type: 'user', id: user.id },
        ip: params.ip,
        details: { email: user.email, from, to: params.role },
        manager,
      });
      return toMember({ ...user, role: params.role });
    });
  }

  async remove(params: MemberAction & { userId: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.lockMember(manager, params.auth.orgId, params.userId);
      if (user.role === 'owner') await this.assertAnotherOwner(manager, params.auth.orgId, user.id, 'remove');
      // Their sessions go with them (foreign key cascade); API keys they created stay.
      await manager.delete(UserEntity, { orgId: params.auth.orgId, id: user.id });
      await this.audit.record({
        orgId: params.auth.orgId,
        actor: params.auth,
        action: 'member.removed',
        target: { type: 'user', id: user.id },
        ip: params.ip,
        details: { email: user.email, role: user.role },
        manager,
      });
    });
  }

  private async lockMember(manager: EntityManager, orgId: string, userId: string): Promise<UserEntity> {
    // Lock the organisation's owners first, so two owners demoting each other at once cannot
    // both succeed and leave nobody in charge.
    await manager.query(`SELECT id FROM users WHERE org_id = $1 AND role = 'owner' ORDER BY id FOR UPDATE`, [orgId]);
    const user = await manager.findOne(UserEntity, {
      where: { orgId, id: userId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!user) throw new AccountsError('member_not_found', 'No member with this id in your organisation.');
    return user;
  }

  private async assertAnotherOwner(manager: EntityManager, orgId: string, userId: string, verb: string): Promise<void> {
    const others = await manager.count(UserEntity, { where: { orgId, role: 'owner' } });
    if (others <= 1) {
      throw new AccountsError(
        'last_owner',
        `Cannot ${verb} the last owner of the organisation: make another member an owner first.`,
        { userId },
      );
    }
  }
}
