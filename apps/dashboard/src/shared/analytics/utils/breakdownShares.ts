import { AGE_BANDS, type AnalyticsMetricId, type BreakdownResponse } from '@resonance/contracts';
import { isSuppressedValue, numberOrNull } from '../../format';

export interface ShareDatum {
  key: string;
  label: string;
  /** The metric's value; null when suppressed or not available. */
  value: number | null;
  suppressed: boolean;
  /** Share of the de-duplicated total (0–1), when the API gives one for the metric. */
  share: number | null;
}

export interface ShareData {
  items: ShareDatum[];
  total: number | null;
  totalSuppressed: boolean;
  isEmpty: boolean;
}

/**
 * One-dimension breakdown rows as bars: sorted by value (suppressed rows last) or by age, with each row's
 * share of the total. Shares of reach add up to more than 100 %: a person can be in several rows.
 */
export function toShareData(
  response: BreakdownResponse,
  metric: AnalyticsMetricId,
  order: 'value' | 'age' = 'value',
): ShareData {
  const items = response.rows.map((row): ShareDatum => {
    const raw = row.current[metric];
    const shareRaw =
      metric === 'impressions' || metric === 'engagements' || metric === 'reach' ? row.shareOfTotal[metric] : null;
    return {
      key: row.key.map((k) => k.value).join(' · '),
      label: row.key.map((k) => k.label).join(' · '),
      value: numberOrNull(raw),
      suppressed: isSuppressedValue(raw),
      share: numberOrNull(shareRaw),
    };
  });
  if (order === 'age') {
    // Age bands read youngest to oldest; anything unknown goes last.
    const rank = (key: string) => {
      const i = (AGE_BANDS as readonly string[]).indexOf(key);
      return i === -1 || key === 'unknown' ? AGE_BANDS.length : i;
    };
    items.sort((a, b) => rank(a.key) - rank(b.key));
  } else {
    items.sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || a.label.localeCompare(b.label));
  }
  const totalRaw = response.total.current[metric];
  return {
    items,
    total: numberOrNull(totalRaw),
    totalSuppressed: isSuppressedValue(totalRaw),
    isEmpty: !items.some((i) => (i.value ?? 0) > 0 || i.suppressed),
  };
}
