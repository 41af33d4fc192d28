import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const ANALYTICS_ERRORS = {
  invalid_date: 400,
  invalid_range: 400,
  range_too_long: 400,
  invalid_time_zone: 400,
  campaign_not_found: 404,
  creative_not_found: 404,
  too_many_segments: 400,
  unknown_dimension: 400,
} as const;

export type AnalyticsErrorCode = keyof typeof ANALYTICS_ERRORS;

export class AnalyticsError extends featureError(ANALYTICS_ERRORS) {}
