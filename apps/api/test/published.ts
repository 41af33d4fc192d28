import type { NestExpressApplication } from '@nestjs/platform-express';
import { perturbCount, type WireCount } from '@resonance/analytics';
import { COUNT_METRIC_IDS, type CountMetricId, type MetricSet } from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { cellKey, countDraw } from '../src/analytics/engine/cell-key.js';
import { cellKeySecret } from '../src/warehouse/read/disclosure.js';

/**
 * What the API must publish for hand-computed figures: the same cell-key perturbation the server
 * applies, computed here from the organisation's secret (read straight from the database, a path
 * only a test has). Tests then compare exact published figures instead of loosening to "about".
 */
export interface Published {
  /** The published form of `metric` of the cell whose exact counts are `vector` (unlisted counts are 0). */
  count(vector: Partial<Record<CountMetricId, number>>, metric: CountMetricId | 'reach', value?: number): WireCount;
  /** Every published count of the cell (as `count`), and reach when given. */
  counts(
    vector: Partial<Record<CountMetricId, number>>,
    reach?: number,
  ): Record<CountMetricId, WireCount> & { reach?: WireCount };
  /** A published rate: numerator / denominator of the published counts (hidden → undefined). */
  rate(vector: Partial<Record<CountMetricId, number>>, numerator: CountMetricId, denominator: CountMetricId): number;
  /** The whole published MetricSet of a standalone cell (rates from published counts). */
  set(vector: Partial<Record<CountMetricId, number>>, reach: number | null): MetricSet;
}

export async function publishedFor(app: NestExpressApplication, orgId: string): Promise<Published> {
  const [row] = await app
    .get(DataSource)
    .query<{ s: Buffer; t: number }[]>(
      'SELECT member_key_secret AS s, suppression_threshold AS t FROM organizations WHERE id = $1',
      [orgId],
    );
  if (!row) throw new Error(`no organisation ${orgId}`);
  const secret = cellKeySecret(row.s);
  const threshold = row.t;
  const full = (vector: Partial<Record<CountMetricId, number>>): Record<CountMetricId, number> =>
    Object.fromEntries(COUNT_METRIC_IDS.map((id) => [id, vector[id] ?? 0])) as Record<CountMetricId, number>;
  const count: Published['count'] = (vector, metric, value) => {
    const v = full(vector);
    const truth = value ?? (metric === 'reach' ? undefined : v[metric]);
    if (truth === undefined) throw new Error('reach needs its value');
    return perturbCount(truth, countDraw(cellKey(secret, v), truth), threshold);
  };
  return {
    count,
    counts(vector, reach) {
      const out = Object.fromEntries(COUNT_METRIC_IDS.map((id) => [id, count(vector, id)])) as Record<
        CountMetricId,
        WireCount
      > & { reach?: WireCount };
      if (reach !== undefined) out.reach = count(vector, 'reach', reach);
      return out;
    },
    set(vector, reach) {
      const c = (id: CountMetricId): WireCount => count(vector, id);
      const rate = (n: WireCount, d: WireCount) =>
        typeof n !== 'number' || typeof d !== 'number' ? { suppressed: true as const } : d === 0 ? null : n / d;
      return {
        impressions: c('impressions'),
        reach: reach === null ? null : count(vector, 'reach', reach),
        engagements: c('engagements'),
        clicks: c('clicks'),
        shares: c('shares'),
        videoViews: c('videoViews'),
        videoCompletions: c('videoCompletions'),
        resourceClicks: c('resourceClicks'),
        engagementRate: rate(c('engagements'), c('impressions')),
        clickThroughRate: rate(c('clicks'), c('impressions')),
        shareRate: rate(c('shares'), c('impressions')),
        videoCompletionRate: rate(c('videoCompletions'), c('videoViews')),
      };
    },
    rate(vector, numerator, denominator) {
      const n = count(vector, numerator);
      const d = count(vector, denominator);
      if (typeof n !== 'number' || typeof d !== 'number') throw new Error('a hidden count has no published rate');
      return n / d;
    },
  };
}
