import type { SavedViewFilters, SavedViewPage } from '@resonance/contracts';
import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity.js';

/** A dashboard page with its filters, under a name. The period is a rule, resolved when opened. */
@Entity({ name: 'saved_views' })
@Index('uq_saved_views_org_name', ['orgId', 'name'], { unique: true })
export class SavedViewEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_saved_views' })
  @ForeignKey(() => OrganizationEntity, { name: 'fk_saved_views_organization', onDelete: 'CASCADE' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_saved_views' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  page: SavedViewPage;

  @Column({ type: 'jsonb' })
  filters: SavedViewFilters;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
