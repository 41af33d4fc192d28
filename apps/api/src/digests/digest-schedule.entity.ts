import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { SavedViewEntity } from '../saved-views/saved-view.entity.js';

/**
 * A saved view e-mailed weekly or monthly to a list of addresses. Created and deleted through this
 * entity's repository; the scheduler's due-time claim and the deliveries stay one SQL statement each.
 */
@Entity({ name: 'digest_schedules' })
@Check('chk_digest_schedules_frequency', `"frequency" IN ('weekly', 'monthly')`)
export class DigestScheduleEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_digest_schedules' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_digest_schedules' })
  id: string;

  @Column({ name: 'saved_view_id', type: 'uuid' })
  savedViewId: string;

  @ManyToOne(() => SavedViewEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'org_id', referencedColumnName: 'orgId', foreignKeyConstraintName: 'fk_digest_schedules_saved_view' },
    { name: 'saved_view_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_digest_schedules_saved_view' },
  ])
  savedView?: SavedViewEntity;

  @Column({ type: 'text' })
  frequency: 'weekly' | 'monthly';

  @Column({ type: 'text', array: true })
  recipients: string[];

  @Column({ name: 'next_run_at', type: 'timestamptz' })
  nextRunAt: Date;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
