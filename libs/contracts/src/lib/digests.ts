import type { ListResponse } from './domain.js';

/** Weekly digests go out on Mondays, monthly ones on the 1st, at 08:00 in the organisation's time zone. */
export const DIGEST_FREQUENCIES = ['weekly', 'monthly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export const DIGEST_MAX_RECIPIENTS = 50;

/** sending: queued or in flight; retrying: a send failed and will be tried again (backoff); failed: gave up. */
export type DigestDeliveryStatus = 'sending' | 'sent' | 'retrying' | 'failed';

export interface DigestDelivery {
  id: string;
  dueAt: string;
  status: DigestDeliveryStatus;
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
}

export interface DigestSchedule {
  id: string;
  savedViewId: string;
  savedViewName: string;
  frequency: DigestFrequency;
  recipients: string[];
  nextRunAt: string;
  createdAt: string;
  lastDelivery: DigestDelivery | null;
}

export interface DigestListResponse extends ListResponse<DigestSchedule> {
  /** False without SMTP_URL: nothing is sent; use the preview. */
  mailEnabled: boolean;
}

export interface CreateDigestRequest {
  savedViewId: string;
  frequency: DigestFrequency;
  recipients: string[];
}

/** The e-mail as it would be sent now. */
export interface DigestPreview {
  subject: string;
  html: string;
  attachmentName: string;
  mailEnabled: boolean;
}
