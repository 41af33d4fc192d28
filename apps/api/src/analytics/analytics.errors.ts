import { AppError } from '../common/errors/app-error.js';

export type AnalyticsErrorCode =
  | 'invalid_date'
  | 'invalid_range'
  | 'range_too_long'
  | 'invalid_time_zone'
  | 'campaign_not_found'
  | 'creative_not_found'
  | 'too_many_segments'
  | 'unknown_dimension'
  | 'unsupported_combination';

export class AnalyticsError extends AppError<AnalyticsErrorCode> {}
