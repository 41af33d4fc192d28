import { UserEntity } from '../../accounts/user.entity.js';
import { ApiKeyEntity } from '../../api-keys/api-key.entity.js';
import { AuditEventEntity } from '../../audit/audit-event.entity.js';
import { SessionEntity } from '../../auth/session.entity.js';
import { OrganizationEntity } from '../../organizations/organization.entity.js';

/** Every TypeORM entity. The schema itself comes from migrations only. */
export const ENTITIES = [OrganizationEntity, UserEntity, SessionEntity, ApiKeyEntity, AuditEventEntity];
