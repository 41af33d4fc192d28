import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../accounts/user.entity.js';

/** A server-side session: the cookie carries a random token, the table only its SHA-256. */
@Entity({ name: 'sessions' })
@ForeignKey(() => UserEntity, ['orgId', 'userId'], ['orgId', 'id'], { name: 'fk_sessions_user', onDelete: 'CASCADE' })
@Index('uq_sessions_token_hash', ['tokenHash'], { unique: true })
@Index('ix_sessions_org_user', ['orgId', 'userId'])
export class SessionEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_sessions' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_sessions' })
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  /** Not a credential on its own: it proves a request was written by our page, not another site. */
  @Column({ name: 'csrf_token', type: 'text' })
  csrfToken: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;
}
