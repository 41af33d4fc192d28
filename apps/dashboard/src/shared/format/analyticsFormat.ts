import type { SuppressedValue } from '@resonance/contracts';

/** Numbers for people: Intl everywhere, one locale per page (the browser's). */
const countFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compactFormat = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(undefined, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const signedPercentFormat = new Intl.NumberFormat(undefined, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});
const signedCountFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
const signedPointsFormat = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

export type WireNumber = number | null | undefined | SuppressedValue;

export function isSuppressedValue(value: unknown): value is SuppressedValue {
  return typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

/** The number when there is one; null for suppressed, null and missing values. */
export function numberOrNull(value: WireNumber): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** "<11" for the organisation's threshold. */
export function suppressedText(threshold: number): string {
  return `<${threshold}`;
}

/** 12,345 · "<11" · "—" (no data). */
export function formatCount(value: WireNumber, threshold = 11): string {
  if (isSuppressedValue(value)) return suppressedText(threshold);
  const n = numberOrNull(value);
  return n === null ? '—' : countFormat.format(n);
}

/** 12.3K, for axis ticks. */
export function formatCompact(value: number): string {
  return compactFormat.format(value);
}

/** A fraction 0–1 as a percentage: 0.0342 → "3.4%". */
export function formatRate(value: WireNumber, threshold = 11): string {
  if (isSuppressedValue(value)) return suppressedText(threshold);
  const n = numberOrNull(value);
  return n === null ? '—' : percentFormat.format(n);
}

/** "3.4% (95% interval 2.9–3.9%)" */
export function formatRateWithInterval(
  rate: WireNumber,
  interval: { lower: number; upper: number } | null | SuppressedValue | undefined,
  threshold = 11,
): string {
  const text = formatRate(rate, threshold);
  if (!interval || isSuppressedValue(interval) || numberOrNull(rate) === null) return text;
  return `${text} (95% interval ${formatIntervalBounds(interval)})`;
}

/** "2.9–3.9%" */
export function formatIntervalBounds(interval: { lower: number; upper: number }): string {
  const lower = percentFormat.format(interval.lower).replace(/\s?%$/, '');
  return `${lower}–${percentFormat.format(interval.upper)}`;
}

/** A relative change as a fraction: 0.125 → "+12.5%". */
export function formatSignedPercent(value: WireNumber, threshold = 11): string {
  if (isSuppressedValue(value)) return suppressedText(threshold);
  const n = numberOrNull(value);
  return n === null ? '—' : signedPercentFormat.format(n);
}

/** An absolute change: counts as "+1,234"; rates (fraction differences) as "+0.4 pts". */
export function formatSignedChange(value: WireNumber, kind: 'count' | 'rate', threshold = 11): string {
  if (isSuppressedValue(value)) return suppressedText(threshold);
  const n = numberOrNull(value);
  if (n === null) return '—';
  return kind === 'rate' ? `${signedPointsFormat.format(n * 100)} pts` : signedCountFormat.format(n);
}

/** "1 May 2026" from "2026-05-01" without time-zone drift. */
export function formatDay(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "1 May" for axis ticks. */
export function formatShortDay(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  const hour = isoDate.length > 10 ? ` ${isoDate.slice(11, 16)}` : '';
  return (
    new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(y, m - 1, d)),
    ) + hour
  );
}

/** "1 May – 31 May 2026" */
export function formatRange(from: string, to: string): string {
  return `${formatDay(from)} – ${formatDay(to)}`;
}

/** Human labels for dimension values. */
export const PLATFORM_LABELS: Record<string, string> = {
  instagram: 'Instagram',
  facebook: 'Facebook',
  tiktok: 'TikTok',
  x: 'X',
  youtube: 'YouTube',
  other: 'Other',
};

export const GENDER_LABELS: Record<string, string> = {
  female: 'Female',
  male: 'Male',
  non_binary: 'Non-binary',
  unknown: 'Unknown',
};

export function ageBandLabel(band: string): string {
  return band === 'unknown' ? 'Unknown' : band.replace('-', '–');
}
