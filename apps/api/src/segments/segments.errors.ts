import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const SEGMENTS_ERRORS = {
  segment_not_found: 404,
  segment_preset_read_only: 409,
  segment_name_taken: 409,
} as const;

export type SegmentsErrorCode = keyof typeof SEGMENTS_ERRORS;

export class SegmentsError extends featureError(SEGMENTS_ERRORS) {}
