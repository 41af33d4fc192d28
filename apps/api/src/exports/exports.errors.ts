import { AppError } from '../common/errors/app-error.js';

export type ExportsErrorCode = 'unknown_export' | 'missing_parameter';

export class ExportsError extends AppError<ExportsErrorCode> {}
