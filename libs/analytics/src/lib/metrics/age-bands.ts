import type { AgeBand } from '@resonance/contracts';

/**
 * Age bands that every platform can report. TikTok reports 55+ as one band, so 55-64 and 65+
 * must be merged to compare across platforms.
 */
export const COARSE_AGE_BANDS = ['13-17', '18-24', '25-34', '35-44', '45-54', '55+', 'unknown'] as const;
export type CoarseAgeBand = (typeof COARSE_AGE_BANDS)[number];

/** Maps a reported band to the coarsest common band: 55-64, 65+ and 55+ → 55+; others unchanged. */
export function coarsenAgeBand(band: AgeBand): CoarseAgeBand {
  switch (band) {
    case '55-64':
    case '65+':
    case '55+':
      return '55+';
    default:
      return band;
  }
}
