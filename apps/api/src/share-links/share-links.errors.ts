import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const SHARE_LINKS_ERRORS = {
  share_link_not_found: 404,
  share_link_expired: 410,
  share_link_revoked: 410,
  share_password_required: 401,
  share_password_wrong: 401,
} as const;

export type ShareLinksErrorCode = keyof typeof SHARE_LINKS_ERRORS;

export class ShareLinksError extends featureError(SHARE_LINKS_ERRORS) {}
