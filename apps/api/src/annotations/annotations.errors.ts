import { AppError } from '../common/errors/app-error.js';

export type AnnotationsErrorCode =
  'annotation_not_found' | 'campaign_not_found' | 'invalid_annotation' | 'invalid_annotation_query';

export class AnnotationsError extends AppError<AnnotationsErrorCode> {}
