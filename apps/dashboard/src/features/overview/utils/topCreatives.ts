import type { BreakdownResponse, SuppressibleCount, SuppressibleRate } from '@resonance/contracts';
import { numberOrNull } from '../../../shared/format';

export interface TopCreativeRow {
  id: string;
  name: string;
  impressions: SuppressibleCount;
  engagements: SuppressibleCount;
  engagementRate: SuppressibleRate;
  resourceClicks: SuppressibleCount;
}

/** The creatives with the most engagements (ties: more impressions first), at most `limit`. */
export function toTopCreatives(response: BreakdownResponse, limit = 5): TopCreativeRow[] {
  return response.rows
    .map((row) => ({
      id: row.key[0]?.value ?? '',
      name: row.key[0]?.label ?? '',
      impressions: row.current.impressions,
      engagements: row.current.engagements,
      engagementRate: row.current.engagementRate,
      resourceClicks: row.current.resourceClicks,
    }))
    .sort(
      (a, b) =>
        (numberOrNull(b.engagements) ?? -1) - (numberOrNull(a.engagements) ?? -1) ||
        (numberOrNull(b.impressions) ?? -1) - (numberOrNull(a.impressions) ?? -1) ||
        a.name.localeCompare(b.name),
    )
    .slice(0, limit);
}
