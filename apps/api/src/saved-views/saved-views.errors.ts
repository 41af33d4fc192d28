import { AppError } from '../common/errors/app-error.js';

export type SavedViewsErrorCode =
  'saved_view_not_found' | 'saved_view_name_taken' | 'invalid_view_filters' | 'not_view_owner';

export class SavedViewsError extends AppError<SavedViewsErrorCode> {}
