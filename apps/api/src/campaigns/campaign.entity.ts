import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  Check,
} from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';

@Entity({ name: 'campaigns' })
@Index('uq_campaigns_org_key', ['orgId', 'key'], { unique: true })
@Index('ix_campaigns_org_observance', ['orgId', 'observanceId'])
@Check('chk_campaigns_window', `"ends_on" IS NULL OR "starts_on" IS NULL OR "ends_on" >= "starts_on"`)
export class CampaignEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_campaigns' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_campaigns' })
  id: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'org_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_campaigns_org' })
  organization?: OrganizationEntity;

  /** The organisation's own stable slug; events name campaigns by it. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  objective: string | null;

  @Column({ name: 'starts_on', type: 'date', nullable: true })
  startsOn: string | null;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** The awareness observance the campaign is for (catalogue or the org's own; see planning/). */
  @Column({ name: 'observance_id', type: 'uuid', nullable: true })
  observanceId: string | null;

  /** Which year's occurrence of the observance. */
  @Column({ name: 'observance_year', type: 'integer', nullable: true })
  observanceYear: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
