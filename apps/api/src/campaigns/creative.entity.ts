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
} from 'typeorm';
import type { CreativeFormat, Platform } from '@resonance/contracts';
import { CampaignEntity } from './campaign.entity.js';

@Entity({ name: 'creatives' })
@Index('uq_creatives_org_campaign_key', ['orgId', 'campaignId', 'key'], { unique: true })
export class CreativeEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_creatives' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_creatives' })
  id: string;

  @Column({ name: 'campaign_id', type: 'uuid' })
  campaignId: string;

  @ManyToOne(() => CampaignEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'campaign_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_creatives_campaign' },
    { name: 'org_id', referencedColumnName: 'orgId', foreignKeyConstraintName: 'fk_creatives_campaign' },
  ])
  campaign?: CampaignEntity;

  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', default: 'other' })
  platform: Platform;

  @Column({ type: 'text', default: 'other' })
  format: CreativeFormat;

  @Column({ type: 'text', nullable: true })
  theme: string | null;

  /** The influencer or partner organisation, when there is one. */
  @Column({ type: 'text', nullable: true })
  partner: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ name: 'external_ids', type: 'text', array: true, default: () => "'{}'" })
  externalIds: string[];

  /** Registered automatically on first sight in an event: the dashboard asks for its details. */
  @Column({ name: 'needs_details', type: 'boolean', default: false })
  needsDetails: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
