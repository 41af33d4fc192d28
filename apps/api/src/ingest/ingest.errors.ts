import { featureError } from '../common/errors/app-error.js';

/** Every code this feature throws, with its HTTP status (the one place a status is chosen). */
export const INGEST_ERRORS = {
  unsupported_media_type: 415,
  /** A JSON body that does not parse. */
  malformed_json: 400,
  invalid_body: 400,
  too_many_events: 413,
  /** The client's stream broke off (or its gzip is broken): its side. */
  ingest_stream_broken: 400,
  /** Storing stopped on our side for a passing reason (the database): resend shortly (Retry-After). */
  ingest_interrupted: 503,
  ingest_failed: 500,
  inflated_too_large: 413,
  organization_not_found: 404,
} as const;

export type IngestErrorCode = keyof typeof INGEST_ERRORS;

export class IngestError extends featureError(INGEST_ERRORS) {}
