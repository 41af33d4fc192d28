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

/** How each reported age band is written for people: "18–24", "65+", and TikTok's one band "55+ (one band)". */
export const AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  '13-17': '13–17',
  '18-24': '18–24',
  '25-34': '25–34',
  '35-44': '35–44',
  '45-54': '45–54',
  '55-64': '55–64',
  '65+': '65+',
  '55+': '55+ (one band)',
  unknown: 'Unknown',
};

/** How genders are written for people. */
export const GENDER_LABELS: Readonly<Record<string, string>> = {
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary',
  unknown: 'Unknown',
};

/**
 * The grain a platform reported a figure at, for people ("lifetime|post" → "Lifetime, per post",
 * "day|ad|age|gender" → "One day, per ad, age band, gender"): the screen and the exports say it alike.
 */
export function describeReportedGrain(grain: string): string {
  const [time = '', level = '', ...breakdown] = grain.split('|');
  const timeText: Record<string, string> = { lifetime: 'Lifetime', day: 'One day', period: 'Several days' };
  const levelText: Record<string, string> = {
    post: 'post',
    ad: 'ad',
    adset: 'ad set',
    adgroup: 'ad group',
    campaign: 'campaign',
    account: 'account',
  };
  const parts = [levelText[level] ?? level, ...breakdown.map((b) => (b === 'age' ? 'age band' : b))].filter(Boolean);
  return `${timeText[time] ?? time}${parts.length > 0 ? `, per ${parts.join(', ')}` : ''}`;
}

/**
 * The one vocabulary of named age groups. Segment presets, planning segments and every screen name
 * ages with these words and ranges ("Young adults" is 18–24 everywhere). 55+ covers 55–64, 65+ and
 * the 55+ band TikTok reports.
 */
export const AGE_GROUPS = [
  { id: 'teens', name: 'Teens', ages: '13–17', ageBands: ['13-17'] },
  { id: 'young-adults', name: 'Young adults', ages: '18–24', ageBands: ['18-24'] },
  { id: 'adults', name: 'Adults', ages: '25–54', ageBands: ['25-34', '35-44', '45-54'] },
  { id: 'older-adults', name: 'Older adults', ages: '55+', ageBands: ['55-64', '65+', '55+'] },
  { id: 'gen-z', name: 'Gen Z', ages: '13–24', ageBands: ['13-17', '18-24'] },
] as const satisfies readonly { id: string; name: string; ages: string; ageBands: readonly AgeBand[] }[];
export type AgeGroupId = (typeof AGE_GROUPS)[number]['id'];

/** "Young adults 18–24": a named age group with its range, as every screen writes it. */
export function ageGroupLabel(id: AgeGroupId): string {
  const group = AGE_GROUPS.find((g) => g.id === id)!;
  return `${group.name} ${group.ages}`;
}

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
