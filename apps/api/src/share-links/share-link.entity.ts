import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { SavedViewEntity } from '../saved-views/saved-view.entity.js';

/** A read-only link to one saved view. Only the token's SHA-256 is kept. */
@Entity({ name: 'share_links' })
@Index('uq_share_links_token_hash', ['tokenHash'], { unique: true })
@Index('ix_share_links_org_view', ['orgId', 'savedViewId'])
export class ShareLinkEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_share_links' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_share_links' })
  id: string;

  @Column({ name: 'saved_view_id', type: 'uuid' })
  savedViewId: string;

  @ManyToOne(() => SavedViewEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'org_id', referencedColumnName: 'orgId', foreignKeyConstraintName: 'fk_share_links_saved_view' },
    { name: 'saved_view_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_share_links_saved_view' },
  ])
  savedView?: SavedViewEntity;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'open_count', type: 'integer', default: 0 })
  openCount: number;

  @Column({ name: 'last_opened_at', type: 'timestamptz', nullable: true })
  lastOpenedAt: Date | null;
}

/** One opening of a share link: who (IP) and when, and the hash of the viewer's access token. */
@Entity({ name: 'share_link_openings' })
@Index('uq_share_link_openings_access_hash', ['accessHash'], { unique: true })
@Index('ix_share_link_openings_org_link', ['orgId', 'shareLinkId'])
export class ShareLinkOpeningEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'pk_share_link_openings' })
  orgId: string;

  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_share_link_openings' })
  id: string;

  @Column({ name: 'share_link_id', type: 'uuid' })
  shareLinkId: string;

  @ManyToOne(() => ShareLinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'org_id', referencedColumnName: 'orgId', foreignKeyConstraintName: 'fk_share_link_openings_link' },
    { name: 'share_link_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_share_link_openings_link' },
  ])
  shareLink?: ShareLinkEntity;

  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' })
  openedAt: Date;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ name: 'access_hash', type: 'text' })
  accessHash: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
