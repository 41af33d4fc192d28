import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const AUTH_ERRORS = {
  invalid_credentials: 401,
  account_locked: 429,
  signup_disabled: 403,
  wrong_current_password: 400,
} as const;

export type AuthErrorCode = keyof typeof AUTH_ERRORS;

export class AuthError extends featureError(AUTH_ERRORS) {}
