import { twoProportionZTest } from '@resonance/analytics';
import type { RecommendationOption } from '@resonance/contracts';
import { isSuppressedValue } from '../../../shared/format';

/** Two options whose engagement rates a two-sided two-proportion test cannot tell apart at this level are tied. */
export const TIE_ALPHA = 0.05;

function counts(option: RecommendationOption): { x: number; n: number } | null {
  const { engagements, impressions } = option;
  if (isSuppressedValue(engagements) || isSuppressedValue(impressions) || impressions <= 0) return null;
  // Published counts carry the cell-key perturbation (± a few): clamp so the test always has x ≤ n.
  return { x: Math.max(0, Math.min(engagements, impressions)), n: impressions };
}

/**
 * For each ranked option (by `value`), the best rank it is not clearly different from, or null when it
 * is clearly behind every option above it. #1 is tied with #2 when #2 is tied with it. A ranking
 * where the 95% intervals overlap heavily ("#1 6.9–8.3%, #2 6.5–7.9%") reads as a tie, not an order.
 */
export function rankTies(options: readonly RecommendationOption[]): Map<string, number> {
  const ranked = options
    .filter((o) => o.status === 'ranked' && o.rank !== null)
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const ties = new Map<string, number>();
  for (let i = 1; i < ranked.length; i++) {
    const option = ranked[i]!;
    const own = counts(option);
    if (!own) continue;
    for (let j = 0; j < i; j++) {
      const above = ranked[j]!;
      const other = counts(above);
      if (!other) continue;
      if (twoProportionZTest(other.x, other.n, own.x, own.n).pValue >= TIE_ALPHA) {
        ties.set(option.value, above.rank!);
        if (!ties.has(above.value)) ties.set(above.value, option.rank!);
        break;
      }
    }
  }
  return ties;
}

/** "#2 · tied with #1", "#1 · tied with #2", "#3". */
export function rankLabel(option: RecommendationOption, ties: ReadonlyMap<string, number>): string | null {
  if (option.rank === null) return null;
  const tie = ties.get(option.value);
  return tie === undefined ? `#${option.rank}` : `#${option.rank} · tied with #${tie}`;
}
