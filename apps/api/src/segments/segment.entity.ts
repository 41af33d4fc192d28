import type { SegmentRules } from '@resonance/contracts';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';

/** A saved segment. Presets are virtual (segment-presets.ts); `is_preset` stays false for saved rows. */
@Entity({ name: 'segments' })
@Index('uq_segments_org_name', ['orgId', 'name'], { unique: true })
export class SegmentEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_segments' })
  @ForeignKey(() => OrganizationEntity, { name: 'fk_segments_organization', onDelete: 'CASCADE' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_segments' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'jsonb' })
  rules: SegmentRules;

  @Column({ name: 'is_preset', type: 'boolean', default: false })
  isPreset: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
