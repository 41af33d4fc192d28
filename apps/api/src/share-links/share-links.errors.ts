import { AppError } from '../common/errors/app-error.js';

export type ShareLinksErrorCode =
  | 'share_link_not_found'
  | 'share_link_expired'
  | 'share_link_revoked'
  | 'share_password_required'
  | 'share_password_wrong';

export class ShareLinksError extends AppError<ShareLinksErrorCode> {}
