import type { CreativeFormat } from '@resonance/contracts';

export const FORMAT_LABELS: Record<CreativeFormat, string> = {
  short_video: 'Short video',
  image: 'Image',
  carousel: 'Carousel',
  article: 'Article',
  expert_interview: 'Expert interview',
  personal_story: 'Personal story',
  ugc: 'User-generated',
  influencer_post: 'Influencer post',
  live_qa: 'Live Q&A',
  other: 'Other',
};

/** "a, b ,, c" → ["a", "b", "c"] (tags and external ids are typed as a comma-separated list). */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

/** An empty text field is "no value" (null), not an empty string. */
export function nullIfBlank(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : t;
}
