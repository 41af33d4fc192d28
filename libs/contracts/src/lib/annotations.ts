import type { ListResponse } from './domain.js';

/** A note's text is a short label a chart can show: at most this many characters. */
export const ANNOTATION_TEXT_MAX = 200;
/** A note covers at most this many days (a date or a range up to a year). */
export const ANNOTATION_MAX_SPAN_DAYS = 366;

/** note: written by a user; observance: an awareness day/week/month from the planning calendar. */
export const ANNOTATION_KINDS = ['note', 'observance'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** Something that happened on a date or over a range, shown on every time chart. Dates are inclusive YYYY-MM-DD. */
export interface Annotation {
  /** A note's id, or `observance:<observance id>:<year>` for an observance window. */
  id: string;
  kind: AnnotationKind;
  startsOn: string;
  endsOn: string;
  text: string;
  /** A note tied to one campaign (shown with that campaign's figures and with all campaigns). */
  campaign: { id: string; name: string } | null;
  /** For kind 'observance': which observance. */
  observance: { id: string; slug: string } | null;
  createdBy: string | null;
  updatedAt: string | null;
}

/** Notes and observance windows that overlap [from, to], by start date. */
export interface AnnotationListResponse extends ListResponse<Annotation> {
  from: string;
  to: string;
}

export interface CreateAnnotationRequest {
  startsOn: string;
  /** Omitted: a single day (endsOn = startsOn). */
  endsOn?: string;
  text: string;
  campaignId?: string | null;
}

/** Any subset of the fields; the result must still be a valid note. */
export type UpdateAnnotationRequest = Partial<CreateAnnotationRequest>;
