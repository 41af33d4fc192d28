/** Platforms a creative can run on. */
export const PLATFORMS = ['instagram', 'facebook', 'tiktok', 'x', 'youtube', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Creative formats. */
export const CREATIVE_FORMATS = [
  'short_video',
  'image',
  'carousel',
  'article',
  'expert_interview',
  'personal_story',
  'ugc',
  'influencer_post',
  'live_qa',
  'other',
] as const;
export type CreativeFormat = (typeof CREATIVE_FORMATS)[number];

/** Engagement event types accepted by ingest. */
export const EVENT_TYPES = [
  'impression',
  'view',
  'like',
  'comment',
  'share',
  'save',
  'click',
  'video_view',
  'video_complete',
  'follow',
  'resource_click',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Age bands as reported. The canonical bands plus `55+`, which TikTok reports as one band.
 * Cross-platform comparisons use the coarsest common bands (see `coarsenAgeBand` in analytics).
 */
export const AGE_BANDS = ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+', '55+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const GENDERS = ['female', 'male', 'non_binary', 'unknown'] as const;
export type Gender = (typeof GENDERS)[number];

export const ROLES = ['owner', 'manager', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const API_KEY_SCOPES = ['ingest', 'read', 'import'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Audience dimensions a segment rule or breakdown can use. */
export const AUDIENCE_DIMENSIONS = ['ageBand', 'gender', 'region', 'language', 'platform'] as const;
export type AudienceDimension = (typeof AUDIENCE_DIMENSIONS)[number];

/** Creative dimensions a breakdown can use. */
export const CREATIVE_DIMENSIONS = ['creative', 'format', 'theme', 'partner'] as const;
export type CreativeDimension = (typeof CREATIVE_DIMENSIONS)[number];

export type BreakdownDimension = AudienceDimension | CreativeDimension;

/** Lists on the wire. */
export interface ListResponse<T> {
  items: T[];
  total: number;
}

/** The JSON body of every error the API returns. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}
