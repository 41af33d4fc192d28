import { AppError } from '../common/errors/app-error.js';

export type AccountsErrorCode = 'email_taken' | 'member_not_found' | 'last_owner';

export class AccountsError extends AppError<AccountsErrorCode> {}
