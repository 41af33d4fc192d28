import type { Role } from '@resonance/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';

@Entity({ name: 'users' })
@Check('chk_users_role', `"role" IN ('owner', 'manager', 'analyst', 'viewer')`)
@Check('chk_users_email_lower_case', `"email" = lower("email")`)
// Sign-in looks a user up by email before the organisation is known, so emails are unique globally.
@Index('uq_users_email', ['email'], { unique: true })
export class UserEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_users' })
  @ForeignKey(() => OrganizationEntity, { name: 'fk_users_organization', onDelete: 'CASCADE' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  /** Stored lower-cased. */
  @Column({ type: 'text' })
  email: string;

  /** argon2id; never selected unless asked for. */
  @Column({ name: 'password_hash', type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'text' })
  role: Role;

  @Column({ name: 'failed_login_count', type: 'integer', default: 0 })
  failedLoginCount: number;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
