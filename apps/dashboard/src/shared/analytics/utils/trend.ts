import type { AnalyticsMetricId, TimeseriesResponse } from '@resonance/contracts';
import { isSuppressedValue, numberOrNull } from '../../format';

export interface TrendPoint {
  /** Current-period bucket label (`2026-05-01`). */
  bucket: string;
  /** Aligned comparison-period bucket, when compared. */
  previousBucket: string | null;
  current: number | null;
  previous: number | null;
  currentSuppressed: boolean;
  previousSuppressed: boolean;
}

export interface TrendData {
  points: TrendPoint[];
  hasComparison: boolean;
  /** True when no bucket has a visible, non-zero value. */
  isEmpty: boolean;
}

/** One metric of a timeseries as chart points; comparison[i] sits beside current[i] (same offset). */
export function toTrendData(response: TimeseriesResponse, metric: AnalyticsMetricId): TrendData {
  const comparison = response.comparison ?? null;
  const points = response.current.map((bucket, i): TrendPoint => {
    const prev = comparison?.[i];
    const cur = bucket.metrics[metric];
    const prevValue = prev ? prev.metrics[metric] : null;
    return {
      bucket: bucket.bucket,
      previousBucket: prev?.bucket ?? null,
      current: numberOrNull(cur),
      previous: numberOrNull(prevValue),
      currentSuppressed: isSuppressedValue(cur),
      previousSuppressed: isSuppressedValue(prevValue),
    };
  });
  return {
    points,
    hasComparison: comparison !== null,
    isEmpty: !points.some((p) => (p.current ?? 0) > 0 || (p.previous ?? 0) > 0 || p.currentSuppressed),
  };
}
