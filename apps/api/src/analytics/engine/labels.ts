import type { BreakdownDimension, Platform, Segment } from '@resonance/contracts';

const PLATFORM_LABELS: Record<Platform, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  tiktok: 'TikTok',
  x: 'X',
  youtube: 'YouTube',
  other: 'other platforms',
};

const FORMAT_LABELS: Record<string, string> = {
  short_video: 'short videos',
  image: 'images',
  carousel: 'carousels',
  article: 'articles',
  expert_interview: 'expert interviews',
  personal_story: 'personal stories',
  ugc: 'user-generated content',
  influencer_post: 'influencer posts',
  live_qa: 'live Q&As',
  other: 'other formats',
};

/** Human label of a dimension value ("18-24" → "18–24", "tiktok" → "TikTok"). */
export function valueLabel(
  dimension: BreakdownDimension,
  value: string,
  creativeNames?: ReadonlyMap<string, string>,
): string {
  switch (dimension) {
    case 'ageBand':
      return value.replace('-', '–');
    case 'platform':
      return PLATFORM_LABELS[value as Platform] ?? value;
    case 'format':
      return FORMAT_LABELS[value] ?? value;
    case 'creative':
      return creativeNames?.get(value) ?? value;
    case 'gender':
      return value.replace('_', '-');
    default:
      return value;
  }
}

/** Short name of a segment for sentences: an age-only segment is named by its bands ("18–24"). */
export function segmentShortLabel(segment: Pick<Segment, 'name' | 'rules'>): string {
  const keys = Object.keys(segment.rules);
  const bands = segment.rules.ageBand;
  if (keys.length === 1 && bands) {
    if (bands.every((b) => ['55-64', '65+', '55+'].includes(b))) return '55+';
    if (bands.length === 3 && bands.includes('25-34') && bands.includes('45-54')) return '25–54';
    return bands.map((b) => b.replace('-', '–')).join(' and ');
  }
  return segment.name;
}
