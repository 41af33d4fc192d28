import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CampaignEntity } from '../campaigns/campaign.entity.js';
import { OrganizationEntity } from '../organizations/organization.entity.js';

/** A user's note on a date or a range (inclusive), optionally tied to one campaign. */
@Entity({ name: 'annotations' })
@Index('ix_annotations_org_dates', ['orgId', 'startsOn', 'endsOn'])
@Check('chk_annotations_range', `"ends_on" >= "starts_on"`)
export class AnnotationEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_annotations' })
  @ForeignKey(() => OrganizationEntity, { name: 'fk_annotations_organization', onDelete: 'CASCADE' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_annotations' })
  id: string;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ name: 'campaign_id', type: 'uuid', nullable: true })
  campaignId: string | null;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'org_id', referencedColumnName: 'orgId', foreignKeyConstraintName: 'fk_annotations_campaign' },
    { name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_annotations_campaign' },
  ])
  campaign?: CampaignEntity;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
