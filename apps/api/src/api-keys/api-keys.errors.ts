import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const API_KEYS_ERRORS = {
  api_key_not_found: 404,
} as const;

export type ApiKeysErrorCode = keyof typeof API_KEYS_ERRORS;

export class ApiKeysError extends featureError(API_KEYS_ERRORS) {}
