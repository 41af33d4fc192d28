import { AppError } from '../common/errors/app-error.js';

export type DigestsErrorCode = 'digest_not_found';

export class DigestsError extends AppError<DigestsErrorCode> {}
