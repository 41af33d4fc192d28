import { AppError } from '../common/errors/app-error.js';

export type AccountsErrorCode =
  'email_taken' | 'member_not_found' | 'last_owner' | 'weak_password' | 'password_check_busy' | 'reset_link_invalid';

export class AccountsError extends AppError<AccountsErrorCode> {}
