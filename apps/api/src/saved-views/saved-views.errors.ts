import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const SAVED_VIEWS_ERRORS = {
  saved_view_not_found: 404,
  saved_view_name_taken: 409,
  invalid_view_filters: 400,
  not_view_owner: 403,
} as const;

export type SavedViewsErrorCode = keyof typeof SAVED_VIEWS_ERRORS;

export class SavedViewsError extends featureError(SAVED_VIEWS_ERRORS) {}
