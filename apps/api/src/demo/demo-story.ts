import type { AgeBand, CreativeFormat, Gender, Platform } from '@resonance/contracts';
import { Prng, hash32 } from '../common/random/prng.js';
import { addDays } from '../common/time/dates.js';

/**
 * The demo's story, as data: a mental-health nonprofit's two years of awareness campaigns
 * (Mental Health Awareness Month in May, Suicide Prevention Awareness Month with World Suicide
 * Prevention Day on 10 September, Mental Illness Awareness Week and World Mental Health Day on
 * 10 October, plus a low always-on baseline), their creatives, an audience with stable
 * demographics, and engagement that differs by segment: 13–24 engage more with short video,
 * user-generated content and personal stories on TikTok and Instagram; 45+ with articles and
 * expert interviews on Facebook.
 */

export type Theme = 'stigma' | 'help-seeking' | 'self-care' | 'crisis-lines' | 'peer-support';

export interface DemoCampaign {
  key: string;
  name: string;
  objective: string;
  startsOn: string;
  endsOn: string;
  tags: string[];
  /** Catalogue slug of the observance, for the campaign's link. */
  observanceSlug: string | null;
  year: number;
  /** Relative daily volume. */
  intensity: number;
  /** Awareness days: date → volume multiplier. */
  spikes: Record<string, number>;
  creatives: DemoCreative[];
}

export interface DemoCreative {
  key: string;
  name: string;
  platform: Exclude<Platform, 'other'>;
  format: Exclude<CreativeFormat, 'other' | 'image'>;
  theme: Theme;
  partner: string | null;
  /** Share of the campaign's volume. */
  weight: number;
  /** Overall quality: multiplies engagement for everyone. */
  quality: number;
  /** Extra multiplier for one age band: the winners a segment report should find. */
  boost: Partial<Record<AgeBand, number>>;
}

interface CreativeTemplate {
  slug: string;
  name: string;
  platform: DemoCreative['platform'];
  format: DemoCreative['format'];
  theme: Theme;
  partner?: string;
}

const TEMPLATES: readonly CreativeTemplate[] = [
  { slug: 'sams-story', name: "Sam's story", platform: 'tiktok', format: 'personal_story', theme: 'help-seeking' },
  {
    slug: 'its-ok-reel',
    name: "It's OK to not be OK (reel)",
    platform: 'instagram',
    format: 'short_video',
    theme: 'stigma',
  },
  { slug: 'my-check-in', name: '#MyCheckIn community videos', platform: 'tiktok', format: 'ugc', theme: 'self-care' },
  {
    slug: 'creator-maya',
    name: 'Creator collab: talking about therapy',
    platform: 'tiktok',
    format: 'influencer_post',
    theme: 'stigma',
    partner: 'Maya Chen',
  },
  {
    slug: 'burnout-carousel',
    name: '5 signs of burnout',
    platform: 'instagram',
    format: 'carousel',
    theme: 'self-care',
  },
  {
    slug: 'talking-to-your-gp',
    name: 'Talking to your GP about your mental health',
    platform: 'facebook',
    format: 'article',
    theme: 'help-seeking',
  },
  {
    slug: 'dr-lee-anxiety',
    name: 'Dr. Lee on anxiety',
    platform: 'facebook',
    format: 'expert_interview',
    theme: 'help-seeking',
    partner: 'Dr. Amara Lee',
  },
  {
    slug: 'ask-a-therapist-live',
    name: 'Ask a therapist (live)',
    platform: 'instagram',
    format: 'live_qa',
    theme: 'peer-support',
  },
  {
    slug: 'crisis-lines-thread',
    name: 'Where to call tonight: crisis lines',
    platform: 'x',
    format: 'article',
    theme: 'crisis-lines',
  },
  {
    slug: 'peer-circle-shorts',
    name: 'Peer support circles (shorts)',
    platform: 'youtube',
    format: 'short_video',
    theme: 'peer-support',
  },
  {
    slug: 'caregiver-interview',
    name: 'Caring for someone who is struggling',
    platform: 'youtube',
    format: 'expert_interview',
    theme: 'peer-support',
    partner: 'Family Minds Network',
  },
  {
    slug: 'self-care-basics',
    name: 'Self-care is not selfish',
    platform: 'facebook',
    format: 'carousel',
    theme: 'self-care',
  },
  {
    slug: 'recovery-voices',
    name: 'Recovery voices',
    platform: 'instagram',
    format: 'personal_story',
    theme: 'stigma',
  },
  {
    slug: 'know-the-signs',
    name: 'Know the signs (explainer)',
    platform: 'facebook',
    format: 'short_video',
    theme: 'crisis-lines',
  },
];

/** Templates every campaign runs, so each has young-leaning and older-leaning creatives. */
const CORE = ['sams-story', 'its-ok-reel', 'my-check-in', 'talking-to-your-gp', 'dr-lee-anxiety'];

interface ObservanceSpec {
  prefix: string;
  title: string;
  slug: string;
  objective: string;
  intensity: number;
  window(year: number): { start: string; end: string; spikes: Record<string, number> };
  themes: Theme[];
}

const iso = (year: number, month: number, day: number): string =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** First full Sunday–Saturday week of October (Mental Illness Awareness Week). */
function miawStart(year: number): string {
  const first = new Date(Date.UTC(year, 9, 1));
  const offset = (7 - first.getUTCDay()) % 7;
  return iso(year, 10, 1 + offset);
}

const OBSERVANCES: readonly ObservanceSpec[] = [
  {
    prefix: 'mham',
    title: 'Mental Health Awareness Month',
    slug: 'mental-health-awareness-month',
    objective: 'Reduce stigma and point people to support during Mental Health Awareness Month',
    intensity: 1.0,
    window: (y) => ({ start: iso(y, 5, 1), end: iso(y, 5, 31), spikes: { [iso(y, 5, 1)]: 1.8, [iso(y, 5, 2)]: 1.3 } }),
    themes: ['stigma', 'help-seeking', 'self-care'],
  },
  {
    prefix: 'spam',
    title: 'Suicide Prevention Awareness Month',
    slug: 'suicide-prevention-awareness-month',
    objective: 'Make crisis lines known and encourage reaching out, peaking on World Suicide Prevention Day (10 Sep)',
    intensity: 0.9,
    window: (y) => ({
      start: iso(y, 9, 1),
      end: iso(y, 9, 30),
      spikes: { [iso(y, 9, 9)]: 1.8, [iso(y, 9, 10)]: 3.2, [iso(y, 9, 11)]: 1.6 },
    }),
    themes: ['crisis-lines', 'help-seeking', 'peer-support'],
  },
  {
    prefix: 'miaw',
    title: 'Mental Illness Awareness Week',
    slug: 'mental-illness-awareness-week',
    objective: 'Share lived experience of mental illness during Mental Illness Awareness Week',
    intensity: 0.7,
    window: (y) => {
      const start = miawStart(y);
      return { start, end: addDays(start, 6), spikes: { [start]: 1.4 } };
    },
    themes: ['stigma', 'peer-support'],
  },
  {
    prefix: 'wmhd',
    title: 'World Mental Health Day',
    slug: 'world-mental-health-day',
    objective: 'Join World Mental Health Day (10 Oct) with self-care and help-seeking messages',
    intensity: 0.9,
    window: (y) => ({
      start: iso(y, 10, 3),
      end: iso(y, 10, 17),
      spikes: { [iso(y, 10, 9)]: 1.7, [iso(y, 10, 10)]: 3.6, [iso(y, 10, 11)]: 1.5 },
    }),
    themes: ['self-care', 'help-seeking', 'stigma'],
  },
];

function creativesFor(prng: Prng, themes: Theme[], count: number): DemoCreative[] {
  const extra = TEMPLATES.filter((t) => !CORE.includes(t.slug));
  const picked = [...TEMPLATES.filter((t) => CORE.includes(t.slug))];
  while (picked.length < count && extra.length > 0) {
    const preferred = extra.filter((t) => themes.includes(t.theme));
    const pool = preferred.length > 0 && prng.chance(0.75) ? preferred : extra;
    const choice = pool[prng.int(pool.length)];
    if (!choice) break;
    picked.push(choice);
    extra.splice(extra.indexOf(choice), 1);
  }
  return picked.map((t) => ({
    key: t.slug,
    name: t.name,
    platform: t.platform,
    format: t.format,
    theme: t.theme,
    partner: t.partner ?? null,
    weight: 0.6 + prng.next() * 0.8,
    quality: 0.8 + prng.next() * 0.4,
    boost: {},
  }));
}

export interface StoryOptions {
  now: Date;
  seed: number;
}

/** Campaigns over the two years up to `now` (campaigns still running are cut at `now`). */
export function buildCampaigns(options: StoryOptions): DemoCampaign[] {
  const today = options.now.toISOString().slice(0, 10);
  const from = addDays(today, -730);
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(today.slice(0, 4));
  const campaigns: DemoCampaign[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) {
    campaigns.push({
      key: `always-on-${year}`,
      name: `Everyday support ${year}`,
      objective: 'Keep help-seeking resources visible all year',
      startsOn: iso(year, 1, 1) < from ? from : iso(year, 1, 1),
      endsOn: iso(year, 12, 31) > today ? today : iso(year, 12, 31),
      tags: ['always-on'],
      observanceSlug: null,
      year,
      intensity: 0.12,
      spikes: {},
      creatives: creativesFor(
        new Prng(options.seed ^ hash32(`always-on-${year}`)),
        ['help-seeking', 'crisis-lines'],
        5,
      ),
    });
    for (const spec of OBSERVANCES) {
      const { start, end, spikes } = spec.window(year);
      if (start > today || end < from) continue;
      const key = `${spec.prefix}-${year}`;
      const prng = new Prng(options.seed ^ hash32(key));
      campaigns.push({
        key,
        name: `${spec.title} ${year}`,
        objective: spec.objective,
        startsOn: start,
        endsOn: end,
        tags: ['awareness', spec.prefix],
        observanceSlug: spec.slug,
        year,
        intensity: spec.intensity,
        spikes,
        creatives: creativesFor(prng, spec.themes, 8),
      });
    }
  }
  // The last Mental Health Awareness Month has a clear winner for 18–24 (a runner-up and a clear loser).
  // It is also the organisation's flagship campaign (three times the usual volume), so each
  // leading creative passes the analytics' minimum sample for 18–24 even in the small demo.
  const lastMay = campaigns.filter((c) => c.key.startsWith('mham-') && c.endsOn <= today).at(-1);
  if (lastMay) lastMay.intensity *= 3;
  for (const creative of lastMay?.creatives ?? []) {
    if (creative.key === 'sams-story') {
      creative.boost = { '18-24': 1.9 };
      creative.quality = 1.1;
    }
    if (creative.key === 'my-check-in') creative.boost = { '18-24': 1.1 };
    if (creative.key === 'talking-to-your-gp') creative.boost = { '18-24': 0.7 };
  }
  return campaigns;
}

/** The days a campaign is live, up to `today`. */
export function campaignDays(campaign: DemoCampaign, from: string, today: string): string[] {
  const days: string[] = [];
  const start = campaign.startsOn > from ? campaign.startsOn : from;
  const end = campaign.endsOn < today ? campaign.endsOn : today;
  for (let d = start; d <= end; d = addDays(d, 1)) days.push(d);
  return days;
}

export { addDays };

// ---- Audience -------------------------------------------------------------------------------

export const AGE_BANDS_USED: readonly AgeBand[] = ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
const AGE_WEIGHTS = [7, 22, 24, 17, 13, 10, 7];
const GENDERS: readonly Gender[] = ['female', 'male', 'non_binary', 'unknown'];
const GENDER_WEIGHTS = [55, 40, 3, 2];
const REGIONS = ['US', 'GB', 'CA', 'AU', 'IE', 'NZ', 'IN'];
const REGION_WEIGHTS = [42, 20, 12, 10, 6, 4, 6];
export const PLATFORMS_USED: readonly DemoCreative['platform'][] = ['instagram', 'tiktok', 'facebook', 'x', 'youtube'];

/** How likely a member of an age band is to be on each platform (instagram, tiktok, facebook, x, youtube). */
const PLATFORM_AFFINITY: Record<string, readonly number[]> = {
  '13-17': [0.7, 0.85, 0.08, 0.1, 0.6],
  '18-24': [0.75, 0.75, 0.2, 0.25, 0.55],
  '25-34': [0.65, 0.45, 0.45, 0.3, 0.45],
  '35-44': [0.45, 0.25, 0.65, 0.25, 0.4],
  '45-54': [0.3, 0.12, 0.8, 0.2, 0.35],
  '55-64': [0.18, 0.06, 0.85, 0.15, 0.3],
  '65+': [0.1, 0.03, 0.85, 0.08, 0.25],
};

export interface Member {
  id: string;
  ageBand: AgeBand;
  gender: Gender;
  region: string;
  language: string;
  platforms: DemoCreative['platform'][];
}

export function buildMembers(seed: number, count: number): Member[] {
  const prng = new Prng(seed ^ 0x5eed);
  const members: Member[] = [];
  for (let i = 0; i < count; i += 1) {
    const ageBand = prng.weighted(AGE_BANDS_USED, AGE_WEIGHTS);
    const region = prng.weighted(REGIONS, REGION_WEIGHTS);
    const language =
      region === 'CA' && prng.chance(0.22)
        ? 'fr-CA'
        : region === 'IN' && prng.chance(0.3)
          ? 'hi'
          : region === 'US' && prng.chance(0.1)
            ? 'es'
            : 'en';
    const affinity = PLATFORM_AFFINITY[ageBand] ?? [];
    const platforms = PLATFORMS_USED.filter((_, p) => prng.chance(affinity[p] ?? 0));
    if (platforms.length === 0) platforms.push(prng.weighted(PLATFORMS_USED, affinity));
    members.push({
      id: `demo-member-${seed}-${i}`,
      ageBand,
      gender: prng.weighted(GENDERS, GENDER_WEIGHTS),
      region,
      language,
      platforms,
    });
  }
  return members;
}

// ---- Engagement -----------------------------------------------------------------------------

const YOUNG_LEANING = new Set(['short_video', 'ugc', 'personal_story', 'influencer_post']);
const OLDER_LEANING = new Set(['article', 'expert_interview']);
const VIDEO = new Set(['short_video', 'ugc', 'personal_story', 'influencer_post', 'expert_interview', 'live_qa']);

/** Multiplier on engagement for an age band and a creative (format × platform), the story's heart. */
export function segmentFactor(ageBand: AgeBand, creative: Pick<DemoCreative, 'format' | 'platform'>): number {
  const young = ageBand === '13-17' || ageBand === '18-24';
  const older = ageBand === '45-54' || ageBand === '55-64' || ageBand === '65+';
  let f = 1;
  if (YOUNG_LEANING.has(creative.format)) f *= young ? 1.7 : older ? 0.55 : 1;
  if (OLDER_LEANING.has(creative.format)) f *= young ? 0.5 : older ? 1.75 : 1;
  if (young && (creative.platform === 'tiktok' || creative.platform === 'instagram')) f *= 1.15;
  if (older && creative.platform === 'facebook') f *= 1.2;
  return f;
}

export function isVideo(format: string): boolean {
  return VIDEO.has(format);
}

/** Per-impression base probabilities; engagement types are scaled by segmentFactor and quality. */
export const BASE_RATES = {
  like: 0.022,
  comment: 0.003,
  share: 0.0045,
  save: 0.005,
  click: 0.008,
  follow: 0.002,
  resource_click: 0.004,
  video_view: 0.42,
  video_complete_given_view: 0.32,
  view: 0.22,
} as const;

export const THEME_RESOURCE_FACTOR: Record<Theme, number> = {
  'crisis-lines': 2.6,
  'help-seeking': 1.8,
  'peer-support': 1.2,
  'self-care': 0.9,
  stigma: 0.8,
};

/** Share of a day's impressions per hour (UTC): quiet nights, lunch and evening peaks. */
export const HOUR_WEIGHTS = [
  1.2, 0.8, 0.5, 0.4, 0.4, 0.6, 1.2, 2.2, 3.0, 3.1, 3.2, 3.6, 4.2, 4.0, 3.6, 3.5, 3.8, 4.4, 5.2, 6.0, 6.4, 6.0, 4.6,
  2.6,
];

/** Weekday rhythm (Sunday = 0): weekends a little quieter. */
export const WEEKDAY_FACTOR = [0.8, 1.05, 1.08, 1.06, 1.04, 0.98, 0.74];
