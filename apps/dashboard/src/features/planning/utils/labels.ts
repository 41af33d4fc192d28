import type { CreativeFormat, Platform, RecommendationDimension } from '@resonance/contracts';

const PLATFORMS: Record<Platform, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  tiktok: 'TikTok',
  x: 'X',
  youtube: 'YouTube',
  other: 'Other platforms',
};

const FORMATS: Record<CreativeFormat, string> = {
  short_video: 'Short video',
  image: 'Image',
  carousel: 'Carousel',
  article: 'Article',
  expert_interview: 'Expert interview',
  personal_story: 'Personal story',
  ugc: 'User-generated content',
  influencer_post: 'Influencer post',
  live_qa: 'Live Q&A',
  other: 'Other formats',
};

function humanise(value: string): string {
  const words = value.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A recommendation option's value in words: "TikTok", "Personal story", "Help seeking", "No theme". */
export function optionLabel(dimension: RecommendationDimension, value: string): string {
  if (dimension === 'platform' && value in PLATFORMS) return PLATFORMS[value as Platform];
  if (dimension === 'format' && value in FORMATS) return FORMATS[value as CreativeFormat];
  if (dimension === 'theme' && value === '(none)') return 'No theme';
  return humanise(value);
}
