import { AppError } from '../common/errors/app-error.js';

export type IngestErrorCode =
  | 'unsupported_media_type'
  | 'invalid_body'
  | 'too_many_events'
  | 'ingest_interrupted'
  | 'ingest_failed'
  | 'inflated_too_large'
  | 'organization_not_found';

export class IngestError extends AppError<IngestErrorCode> {}
