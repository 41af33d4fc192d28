import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const PLANNING_ERRORS = {
  observance_not_found: 404,
  campaign_not_found: 404,
  invalid_observance_rule: 400,
  observance_slug_taken: 409,
  observance_in_use: 409,
  campaign_key_taken: 409,
  invalid_planning_query: 400,
} as const;

export type PlanningErrorCode = keyof typeof PLANNING_ERRORS;

export class PlanningError extends featureError(PLANNING_ERRORS) {}

export function observanceNotFound(idOrSlug: string): PlanningError {
  return new PlanningError(
    'observance_not_found',
    `No observance ${idOrSlug} in the catalogue or this organisation's own observances`,
  );
}

export function campaignNotFound(id: string): PlanningError {
  return new PlanningError('campaign_not_found', `No campaign ${id} in this organisation`);
}

export function invalidQuery(parameter: string, message: string): PlanningError {
  return new PlanningError('invalid_planning_query', `${parameter} ${message}`, { parameter });
}
