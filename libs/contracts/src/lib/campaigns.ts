import type { AgeBand, CreativeFormat, EventType, Gender, ListResponse, Platform } from './domain.js';

/** A campaign's key: the organisation's own stable slug, which events use to name it. */
export const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** The rule behind KEY_PATTERN, for error messages. Creative keys (within a campaign) follow it too. */
export const KEY_RULE =
  'letters, digits, dot, underscore or hyphen, starting with a letter or digit, at most 128 characters';

export interface Campaign {
  id: string;
  key: string;
  name: string;
  objective: string | null;
  /** ISO date (YYYY-MM-DD) or null. */
  startsOn: string | null;
  endsOn: string | null;
  tags: string[];
  creativeCount: number;
  /** Creatives registered automatically from events, waiting for their details. */
  creativesNeedingDetails: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreateCampaignRequest {
  key: string;
  name: string;
  objective?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  tags?: string[];
}

export type UpdateCampaignRequest = Partial<CreateCampaignRequest>;

export type CampaignListResponse = ListResponse<Campaign>;

export interface Creative {
  id: string;
  campaignId: string;
  key: string;
  name: string;
  platform: Platform;
  format: CreativeFormat;
  theme: string | null;
  partner: string | null;
  tags: string[];
  /** Platform ids of the post or ad (e.g. a Meta ad id), used to match imported rows. */
  externalIds: string[];
  /** Registered automatically on first sight in an event: name, format and theme still to fill in. */
  needsDetails: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateCreativeRequest {
  key: string;
  name: string;
  platform: Platform;
  format: CreativeFormat;
  theme?: string | null;
  partner?: string | null;
  tags?: string[];
  externalIds?: string[];
}

export type UpdateCreativeRequest = Partial<CreateCreativeRequest>;

export type CreativeListResponse = ListResponse<Creative>;

/** Most events one `application/json` request to `POST /api/v1/events` may carry. */
export const INGEST_JSON_MAX_EVENTS = 10_000;

/**
 * Event ids starting with this are Resonance's own: the rows that keep a day's counts and reach once its
 * raw events pass the retention period. The events API refuses them.
 */
export const RESERVED_EVENT_ID_PREFIX = '~kept:';

/** One engagement event as sent to `POST /api/v1/events` (JSON array item or NDJSON line). */
export interface IngestEvent {
  /** Unique per organisation; at most 128 characters, not starting with `~kept:`. Re-sending an id counts as a duplicate. */
  eventId: string;
  /** ISO-8601 with an offset (`Z` or `+02:00`). */
  occurredAt: string;
  /** Campaign key; the campaign must exist. */
  campaign: string;
  /** Creative key within the campaign; registered on first sight if unknown. */
  creative: string;
  platform: Platform;
  type: EventType;
  /** Hashed with the organisation's secret before it is stored; never stored raw. */
  memberId?: string;
  ageBand?: AgeBand;
  gender?: Gender;
  /** ISO 3166-1 alpha-2 (`GB`) or ISO 3166-2 (`GB-ENG`). */
  region?: string;
  /** BCP 47 (`en`, `pt-BR`). */
  language?: string;
  /** A positive integer; default 1. */
  count?: number;
}

export interface IngestRowError {
  /** Array position (JSON, from 0) or line number (NDJSON, from 1). */
  index: number;
  /** The offending field, or null when the row as a whole is wrong (not JSON, not an object). */
  field: string | null;
  message: string;
}

export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: number;
  /** The first errors (at most 100). */
  errors: IngestRowError[];
  /** How many further errors were left out of `errors`. */
  errorsTruncated?: number;
  /** NDJSON only: chunks committed (each chunk commits on its own). */
  committedChunks?: number;
}
