import { AGE_BAND_LABELS, AGE_GROUPS, type Platform } from '@resonance/contracts';

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

export const GENDER_LABELS: Readonly<Record<string, string>> = {
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary',
  unknown: 'Unknown',
};

/** "18–24", "65+", "55+ (one band)", "Unknown" (contracts' AGE_BAND_LABELS); an unknown value as it came. */
export function ageBandLabel(band: string): string {
  return (AGE_BAND_LABELS as Readonly<Record<string, string | undefined>>)[band] ?? band;
}

/**
 * A set of age bands in words: a named group's range when the set is exactly one group's bands
 * ("55+" for 55–64, 65+ and TikTok's 55+; "25–54"), else each band ("13–17 or 25–34").
 */
export function describeAgeBands(bands: readonly string[]): string {
  const set = new Set(bands);
  const group = AGE_GROUPS.find((g) => g.ageBands.length === set.size && g.ageBands.every((b) => set.has(b)));
  if (group && set.size > 1) return group.ages;
  return bands.map(ageBandLabel).join(' or ');
}

/** Text as a sentence ending in one full stop (server definitions may or may not end with one). */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
