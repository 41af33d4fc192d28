/** Query keys of the settings feature; every parameter of a request is in its key. */
export const settingsKeys = {
  members: ['members'] as const,
  apiKeys: ['api-keys'] as const,
  organization: ['organization'] as const,
  audit: (params: { limit: number; offset: number }) => ['audit', params] as const,
};
