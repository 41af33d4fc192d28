import { AnnotationEntity } from '../../annotations/annotation.entity.js';
import { DigestScheduleEntity } from '../../digests/digest-schedule.entity.js';
import { CampaignEntity } from '../../campaigns/campaign.entity.js';
import { CreativeEntity } from '../../campaigns/creative.entity.js';
import { PasswordResetEntity } from '../../accounts/password-reset.entity.js';
import { UserEntity } from '../../accounts/user.entity.js';
import { ApiKeyEntity } from '../../api-keys/api-key.entity.js';
import { AuditEventEntity } from '../../audit/audit-event.entity.js';
import { SessionEntity } from '../../auth/session.entity.js';
import { OrganizationEntity } from '../../organizations/organization.entity.js';
import { SegmentEntity } from '../../segments/segment.entity.js';
import { SavedViewEntity } from '../../saved-views/saved-view.entity.js';
import { ShareLinkEntity, ShareLinkOpeningEntity } from '../../share-links/share-link.entity.js';
import { ObservanceCatalogueEntity, ObservanceEntity } from '../../planning/observance.entity.js';

/**
 * Every TypeORM entity. The schema itself comes from migrations only. Raw events, rollups and
 * reach tables are written and read with plain SQL through the pg driver (see ingest/ and
 * analytics/), so they have no entities.
 */
export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  SessionEntity,
  PasswordResetEntity,
  ApiKeyEntity,
  AuditEventEntity,
  CampaignEntity,
  CreativeEntity,
  ObservanceCatalogueEntity,
  ObservanceEntity,
  SegmentEntity,
  SavedViewEntity,
  ShareLinkEntity,
  ShareLinkOpeningEntity,
  AnnotationEntity,
  DigestScheduleEntity,
];
