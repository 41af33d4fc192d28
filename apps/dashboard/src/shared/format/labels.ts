import { AGE_BAND_LABELS, type Platform } from '@resonance/contracts';

/** Human labels for dimension values. */
export const PLATFORM_LABELS: Readonly<Record<Platform, string>> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  tiktok: 'TikTok',
  x: 'X',
  youtube: 'YouTube',
  other: 'Other',
};

/** A platform's label; an unknown value as it came. */
export function platformLabel(platform: string): string {
  return (PLATFORM_LABELS as Readonly<Record<string, string | undefined>>)[platform] ?? platform;
}

export { GENDER_LABELS } from '@resonance/contracts';

/** "18–24", "65+", "55+ (one band)", "Unknown" (contracts' AGE_BAND_LABELS); an unknown value as it came. */
export function ageBandLabel(band: string): string {
  return (AGE_BAND_LABELS as Readonly<Record<string, string | undefined>>)[band] ?? band;
}

/** Text as a sentence ending in one full stop (server definitions may or may not end with one). */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
