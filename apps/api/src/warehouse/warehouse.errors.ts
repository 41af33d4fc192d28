import { AppError } from '../common/errors/app-error.js';

/** Questions the stored model cannot answer as asked (the caller's fields named in details). */
export type WarehouseErrorCode = 'unsupported_combination';

export class WarehouseError extends AppError<WarehouseErrorCode> {}
