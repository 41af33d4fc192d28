import { AppError } from '../errors/app-error.js';

export type AccessErrorCode =
  | 'unauthenticated'
  | 'session_expired'
  | 'invalid_api_key'
  | 'no_access_rule'
  | 'csrf_failed'
  | 'forbidden_role'
  | 'api_key_not_allowed'
  | 'missing_scope';

export class AccessError extends AppError<AccessErrorCode> {}
