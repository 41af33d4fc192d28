import { AppError } from '../common/errors/app-error.js';

export type CampaignsErrorCode =
  | 'campaign_not_found'
  | 'creative_not_found'
  | 'campaign_key_taken'
  | 'creative_key_taken'
  | 'invalid_window'
  | 'has_data';

export class CampaignsError extends AppError<CampaignsErrorCode> {}

/** PostgreSQL unique_violation, for the 409 on a duplicate key. */
export function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: unknown }; code?: unknown } | null) ?? null;
  return driverError?.code === '23505' || driverError?.driverError?.code === '23505';
}
