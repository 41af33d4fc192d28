import { AppError } from '../errors/app-error.js';

export type AccessErrorCode =
  | 'unauthenticated'
  | 'session_expired'
  | 'invalid_api_key'
  | 'no_access_rule'
  | 'csrf_failed'
  | 'forbidden_role'
  | 'api_key_not_allowed'
  | 'missing_scope'
  | 'share_link_not_allowed'
  | 'share_access_ended';

export class AccessError extends AppError<AccessErrorCode> {}
