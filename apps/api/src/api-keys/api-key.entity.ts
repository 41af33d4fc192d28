import type { ApiKeyScope } from '@resonance/contracts';
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

@Entity({ name: 'api_keys' })
@Check('chk_api_keys_scopes', `cardinality("scopes") > 0 AND "scopes" <@ ARRAY['ingest', 'read', 'import']::text[]`)
// A bearer key is looked up by its hash before the organisation is known.
@Index('uq_api_keys_key_hash', ['keyHash'], { unique: true })
export class ApiKeyEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_api_keys' })
  @ForeignKey(() => OrganizationEntity, { name: 'fk_api_keys_organization', onDelete: 'CASCADE' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_api_keys' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** The first characters of the key, shown so people can recognise it. */
  @Column({ type: 'text' })
  prefix: string;

  /**
   * SHA-256 of the key. A key is 32 random bytes, so it cannot be guessed or brute-forced from
   * its hash: a slow password hash (argon2) would add nothing but latency to every request.
   */
  @Column({ name: 'key_hash', type: 'text', select: false })
  keyHash: string;

  @Column({ type: 'text', array: true })
  scopes: ApiKeyScope[];

  /** The user who created it. No foreign key: a key outlives its creator leaving the organisation. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
