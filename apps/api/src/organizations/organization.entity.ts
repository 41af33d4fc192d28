import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'organizations' })
@Check('chk_organizations_suppression_threshold', `"suppression_threshold" >= 11`)
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organizations' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** Cells below this count are suppressed everywhere numbers leave the server (≥ 11). */
  @Column({ name: 'suppression_threshold', type: 'integer', default: 11 })
  suppressionThreshold: number;

  /** Key for HMAC-SHA256 of member identifiers; never leaves the server. */
  @Column({ name: 'member_key_secret', type: 'bytea', select: false })
  memberKeySecret: Buffer;

  /** IANA zone of the organisation's reporting day (the `day` stored at ingest). */
  @Column({ name: 'time_zone', type: 'text', default: 'UTC' })
  timeZone: string;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
