import { AppError } from '../common/errors/app-error.js';

export type PlanningErrorCode =
  | 'observance_not_found'
  | 'campaign_not_found'
  | 'invalid_observance_rule'
  | 'observance_slug_taken'
  | 'observance_in_use'
  | 'campaign_key_taken'
  | 'invalid_planning_query';

export class PlanningError extends AppError<PlanningErrorCode> {}

export function observanceNotFound(idOrSlug: string): PlanningError {
  return new PlanningError(
    'observance_not_found',
    `No observance ${idOrSlug} in the catalogue or this organisation's own observances`,
    404,
  );
}

export function campaignNotFound(id: string): PlanningError {
  return new PlanningError('campaign_not_found', `No campaign ${id} in this organisation`, 404);
}

export function invalidQuery(parameter: string, message: string): PlanningError {
  return new PlanningError('invalid_planning_query', `${parameter} ${message}`, 400, { parameter });
}
