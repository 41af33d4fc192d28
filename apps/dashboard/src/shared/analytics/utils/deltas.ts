import { ANALYTICS_METRIC_IDS, type MetricDelta, type MetricDeltas, type MetricSet } from '@resonance/contracts';
import { isSuppressedValue, numberOrNull } from '../../format';

/**
 * Change from `previous` to `current`, as the API computes it: used where an answer carries a
 * comparison without deltas (a share link's year-earlier view). Suppressed when either side is.
 */
export function deltaOf(current: MetricSet[keyof MetricSet], previous: MetricSet[keyof MetricSet]): MetricDelta {
  if (isSuppressedValue(current) || isSuppressedValue(previous))
    return { absolute: { suppressed: true }, relative: { suppressed: true } };
  const a = numberOrNull(current);
  const b = numberOrNull(previous);
  if (a === null || b === null) return { absolute: null, relative: null };
  return { absolute: a - b, relative: b === 0 ? null : (a - b) / b };
}

export function deltasOf(current: MetricSet, previous: MetricSet): MetricDeltas {
  const out = {} as MetricDeltas;
  for (const id of ANALYTICS_METRIC_IDS) out[id] = deltaOf(current[id], previous[id]);
  return out;
}
