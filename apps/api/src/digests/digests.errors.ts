import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const DIGESTS_ERRORS = {
  digest_not_found: 404,
} as const;

export type DigestsErrorCode = keyof typeof DIGESTS_ERRORS;

export class DigestsError extends featureError(DIGESTS_ERRORS) {}
