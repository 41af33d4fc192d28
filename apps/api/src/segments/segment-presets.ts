import { AGE_GROUPS, ageGroupLabel, type AgeGroupId, type Segment } from '@resonance/contracts';

/**
 * Presets: virtual, read-only segments every organisation has, served from code rather than
 * seeded per organisation. Decision: a preset that lives in code is the same everywhere, needs no
 * backfill for organisations created before it existed, and cannot drift or be edited by
 * accident. Ids start with `preset:` so they can never clash with a saved segment's uuid.
 *
 * "Older adults 55+" covers 55-64, 65+ and the 55+ band TikTok reports.
 */
export const SEGMENT_PRESETS: readonly Segment[] = [
  // Age groups: names, ranges and bands from the one vocabulary in contracts (AGE_GROUPS).
  ageGroupPreset('teens', 'Ages 13–17 on every platform.'),
  ageGroupPreset('young-adults', 'Ages 18–24 on every platform.'),
  ageGroupPreset('adults', 'Ages 25–34, 35–44 and 45–54.'),
  ageGroupPreset('older-adults', 'Ages 55–64, 65+ and the 55+ band TikTok reports.'),
  preset('preset:gen-z-tiktok', 'Gen Z on TikTok', 'Ages 13–24 on TikTok.', {
    ageBand: ['13-17', '18-24'],
    platform: ['tiktok'],
  }),
  preset('preset:instagram', 'Instagram audience', 'Everyone reached on Instagram.', { platform: ['instagram'] }),
  preset(
    'preset:everyone',
    'Everyone',
    'Every audience, including figures a platform reported without an age or gender breakdown (per-post exports).',
    {},
  ),
];

/**
 * Added to the default report segments when the range holds figures reported without an audience
 * breakdown (Instagram or X posts): no age segment can hold them, and a comparison without them
 * would leave those creatives out.
 */
export const EVERYONE_PRESET_ID = 'preset:everyone';

/** The presets the creative matrix and segment report show when no segment is requested: the age groups. */
export const DEFAULT_REPORT_SEGMENT_IDS: readonly string[] = [
  'preset:teens',
  'preset:young-adults',
  'preset:adults',
  'preset:older-adults',
];

export function isPresetId(id: string): boolean {
  return id.startsWith('preset:');
}

export function findPreset(id: string): Segment | undefined {
  return SEGMENT_PRESETS.find((s) => s.id === id);
}

function preset(id: string, name: string, description: string, rules: Segment['rules']): Segment {
  return { id, name, description, rules, isPreset: true, createdAt: null };
}

function ageGroupPreset(id: AgeGroupId, description: string): Segment {
  const group = AGE_GROUPS.find((g) => g.id === id)!;
  return preset(`preset:${id}`, ageGroupLabel(id), description, { ageBand: [...group.ageBands] });
}
