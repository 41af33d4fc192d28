import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Role } from '@resonance/contracts';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { violatedConstraint } from '../infra/database/pg-errors.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';
import { AccountsError } from './accounts.errors.js';
import { PasswordHasher } from './password-hasher.js';
import { UserEntity } from './user.entity.js';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creating organisations and users: shared by sign-up, members, first run and tests. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
  ) {}

  async createOrganizationWithOwner(input: {
    name: string;
    email: string;
    password: string;
    isDemo?: boolean;
    manager?: EntityManager;
  }): Promise<{ organization: OrganizationEntity; owner: UserEntity }> {
    const run = async (manager: EntityManager) => {
      const organization = manager.create(OrganizationEntity, {
        name: input.name.trim(),
        isDemo: input.isDemo ?? false,
        memberKeySecret: randomBytes(32),
      });
      await manager.save(organization);
      const owner = await this.createUser({
        orgId: organization.id,
        email: input.email,
        password: input.password,
        role: 'owner',
        manager,
      });
      this.logger.log(`Created organisation ${organization.id} with owner ${owner.id}`);
      return { organization, owner };
    };
    return input.manager ? run(input.manager) : this.dataSource.transaction(run);
  }

  async createUser(input: {
    orgId: string;
    email: string;
    password: string;
    role: Role;
    manager?: EntityManager;
  }): Promise<UserEntity> {
    const manager = input.manager ?? this.dataSource.manager;
    const user = manager.create(UserEntity, {
      orgId: input.orgId,
      email: normalizeEmail(input.email),
      passwordHash: await this.hasher.hash(input.password),
      role: input.role,
    });
    try {
      await manager.insert(UserEntity, user);
    } catch (error) {
      if (error instanceof QueryFailedError && violatedConstraint(error, ['uq_users_email']) === 'uq_users_email') {
        throw new AccountsError('email_taken', 'An account with this email already exists.', { field: 'email' });
      }
      throw error;
    }
    return manager.findOneOrFail(UserEntity, { where: { orgId: input.orgId, id: user.id } });
  }
}
