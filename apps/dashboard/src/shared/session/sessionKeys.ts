/** Query key of the signed-in session (`GET /auth/me`): the auth feature fills it, settings refresh it. */
export const sessionKeys = {
  me: ['auth', 'me'] as const,
};
