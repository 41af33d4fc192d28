import { CreateOrganizations1764093600000 } from './1764093600000-create-organizations.js';

/** Every migration, in order. A new migration is added here and never edited once landed. */
export const MIGRATIONS = [CreateOrganizations1764093600000];
