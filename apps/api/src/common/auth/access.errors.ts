import { featureError } from '../errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const ACCESS_ERRORS = {
  unauthenticated: 401,
  session_expired: 401,
  invalid_api_key: 401,
  no_access_rule: 401,
  csrf_failed: 403,
  forbidden_role: 403,
  api_key_not_allowed: 403,
  missing_scope: 403,
  share_link_not_allowed: 403,
  share_access_ended: 401,
} as const;

export type AccessErrorCode = keyof typeof ACCESS_ERRORS;

export class AccessError extends featureError(ACCESS_ERRORS) {}
