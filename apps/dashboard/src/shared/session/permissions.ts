import type { Role } from '@resonance/contracts';

/** What each role may do in the dashboard; mirrors the API's @Auth roles so buttons match the server. */
export const can = {
  manageMembers: (role: Role) => role === 'owner',
  readAudit: (role: Role) => role === 'owner',
  editOrganization: (role: Role) => role === 'owner',
  manageApiKeys: (role: Role) => role === 'owner' || role === 'manager',
  manageCampaigns: (role: Role) => role === 'owner' || role === 'manager',
  saveViews: (role: Role) => role !== 'viewer',
  shareViews: (role: Role) => role === 'owner' || role === 'manager',
  importFiles: (role: Role) => role === 'owner' || role === 'manager',
  manageSegments: (role: Role) => role !== 'viewer',
  editAnnotations: (role: Role) => role === 'owner' || role === 'manager',
};

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  manager: 'Manager',
  analyst: 'Analyst',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'everything, including members, privacy and the audit log',
  manager: 'campaigns, imports and API keys',
  analyst: 'read, segments and exports',
  viewer: 'read only',
};
