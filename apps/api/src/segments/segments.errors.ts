import { AppError } from '../common/errors/app-error.js';

export type SegmentsErrorCode = 'segment_not_found' | 'segment_preset_read_only' | 'segment_name_taken';

export class SegmentsError extends AppError<SegmentsErrorCode> {}
