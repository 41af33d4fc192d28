import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const ACCOUNTS_ERRORS = {
  email_taken: 409,
  member_not_found: 404,
  last_owner: 409,
  weak_password: 400,
  password_check_busy: 503,
  reset_link_invalid: 400,
} as const;

export type AccountsErrorCode = keyof typeof ACCOUNTS_ERRORS;

export class AccountsError extends featureError(ACCOUNTS_ERRORS) {}
