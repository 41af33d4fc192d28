import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const ANNOTATIONS_ERRORS = {
  annotation_not_found: 404,
  campaign_not_found: 404,
  invalid_annotation: 400,
  invalid_annotation_query: 400,
} as const;

export type AnnotationsErrorCode = keyof typeof ANNOTATIONS_ERRORS;

export class AnnotationsError extends featureError(ANNOTATIONS_ERRORS) {}
