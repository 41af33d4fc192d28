import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const CAMPAIGNS_ERRORS = {
  campaign_not_found: 404,
  creative_not_found: 404,
  campaign_key_taken: 409,
  creative_key_taken: 409,
  invalid_window: 400,
  has_data: 409,
} as const;

export type CampaignsErrorCode = keyof typeof CAMPAIGNS_ERRORS;

export class CampaignsError extends featureError(CAMPAIGNS_ERRORS) {}
