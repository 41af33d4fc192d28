import { AppError } from '../common/errors/app-error.js';

export type ApiKeysErrorCode = 'api_key_not_found';

export class ApiKeysError extends AppError<ApiKeysErrorCode> {}
