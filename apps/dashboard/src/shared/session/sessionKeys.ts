/** Query keys of the auth feature. `['auth', 'me']` is the session. */
export const authKeys = {
  me: ['auth', 'me'] as const,
};
