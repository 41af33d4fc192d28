import { AppError } from '../common/errors/app-error.js';

export type CampaignsErrorCode =
  | 'campaign_not_found'
  | 'creative_not_found'
  | 'campaign_key_taken'
  | 'creative_key_taken'
  | 'invalid_window'
  | 'has_data';

export class CampaignsError extends AppError<CampaignsErrorCode> {}
