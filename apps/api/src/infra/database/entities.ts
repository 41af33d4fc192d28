import { OrganizationEntity } from '../../organizations/organization.entity.js';

/** Every TypeORM entity. The schema itself comes from migrations only. */
export const ENTITIES = [OrganizationEntity];
