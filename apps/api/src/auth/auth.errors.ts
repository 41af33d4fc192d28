import { AppError } from '../common/errors/app-error.js';

export type AuthErrorCode = 'invalid_credentials' | 'account_locked' | 'signup_disabled' | 'wrong_current_password';

export class AuthError extends AppError<AuthErrorCode> {}
