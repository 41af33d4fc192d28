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
import type { ObservanceRule } from '@resonance/analytics';
import { OrganizationEntity } from '../organizations/organization.entity.js';

/** The seeded calendar shared by every organisation: a reference table, no org_id. */
@Entity({ name: 'observance_catalogue' })
@Index('uq_observance_catalogue_slug', ['slug'], { unique: true })
export class ObservanceCatalogueEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_observance_catalogue' })
  id: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'jsonb' })
  rule: ObservanceRule;

  @Column({ type: 'text', nullable: true })
  organiser: string | null;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An organisation's own observance. */
@Entity({ name: 'observances' })
@Index('uq_observances_org_slug', ['orgId', 'slug'], { unique: true })
export class ObservanceEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_observances' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_observances' })
  id: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE', createForeignKeyConstraints: true })
  @JoinColumn({ name: 'org_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_observances_org' })
  organization?: OrganizationEntity;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'jsonb' })
  rule: ObservanceRule;

  @Column({ type: 'text', nullable: true })
  organiser: string | null;

  @Column({ type: 'text', nullable: true })
  url: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
