import type { MetricKind } from '@resonance/analytics';
import type { PlanningRate, SuppressedValue } from '@resonance/contracts';

/**
 * Numbers for people: Intl everywhere, in the reader's locale (undefined = the browser's); tests pass
 * one explicitly. One precision per kind of figure, so a column never mixes "12%" and "3.4%":
 * rates and relative changes with one decimal, counts whole, rate differences in points.
 */
export type Locale = string | undefined;

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

const COUNT: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
const PERCENT: Intl.NumberFormatOptions = { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 };
const SIGNED_PERCENT: Intl.NumberFormatOptions = { ...PERCENT, signDisplay: 'exceptZero' };
const SIGNED_COUNT: Intl.NumberFormatOptions = { ...COUNT, signDisplay: 'exceptZero' };
const SIGNED_POINTS: Intl.NumberFormatOptions = {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
};

export type NumberFormat = 'count' | 'percent' | 'decimal' | 'compact';

/** Formats a number with Intl: counts as integers, rates (fractions 0–1) as percentages. */
export function formatNumber(
  value: number,
  format: NumberFormat = 'count',
  fractionDigits?: number,
  locale?: Locale,
): string {
  const options: Intl.NumberFormatOptions =
    format === 'percent'
      ? { style: 'percent', minimumFractionDigits: fractionDigits ?? 1, maximumFractionDigits: fractionDigits ?? 1 }
      : format === 'compact'
        ? { notation: 'compact', maximumFractionDigits: fractionDigits ?? 1 }
        : format === 'decimal'
          ? { maximumFractionDigits: fractionDigits ?? 2 }
          : { maximumFractionDigits: fractionDigits ?? 0 };
  return numberFormat(locale, options).format(value);
}

/** The display format of a metric kind: rates as percentages, counts and reach as whole numbers. */
export function formatForKind(kind: MetricKind): NumberFormat {
  return kind === 'rate' ? 'percent' : 'count';
}

/** A figure as the API sends it: a number, nothing, or hidden under the suppression threshold. */
export type WireNumber = number | null | undefined | SuppressedValue;

/** The API's marker for a figure hidden under the suppression threshold (`{ suppressed: true }`). */
export function isSuppressedValue(value: unknown): value is SuppressedValue {
  return typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

/** The number when there is one; null for suppressed, null and missing values. */
export function numberOrNull(value: WireNumber): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A whole number: 12,345. */
export function formatInteger(value: number, locale?: Locale): string {
  return numberFormat(locale, COUNT).format(value);
}

/** "<11" for the organisation's threshold (written like any other count: "<1,000"). */
export function suppressedText(threshold: number, locale?: Locale): string {
  return `<${formatInteger(threshold, locale)}`;
}

/**
 * What a hidden rate or change says in place: "<11" in a rate or change column reads as "under 11%",
 * so those columns name what is hidden. Counts keep "<11" (under 11 people is what it means there).
 */
export function hiddenText(threshold: number, locale?: Locale): string {
  return `hidden (fewer than ${formatInteger(threshold, locale)} people)`;
}

/** 12,345 · "<11" · "—" (no data). */
export function formatCount(value: WireNumber, threshold = 11, locale?: Locale): string {
  if (isSuppressedValue(value)) return suppressedText(threshold, locale);
  const n = numberOrNull(value);
  return n === null ? '—' : formatInteger(n, locale);
}

/** 12.3K, for axis ticks. */
export function formatCompact(value: number, locale?: Locale): string {
  return numberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A fraction 0–1 as a percentage with one decimal: 0.0342 → "3.4%". */
export function formatRate(value: WireNumber, threshold = 11, locale?: Locale): string {
  if (isSuppressedValue(value)) return hiddenText(threshold, locale);
  const n = numberOrNull(value);
  return n === null ? '—' : numberFormat(locale, PERCENT).format(n);
}

/** "3.4% (95% interval 2.9–3.9%)" */
export function formatRateWithInterval(
  rate: WireNumber,
  interval: { lower: number; upper: number } | null | SuppressedValue | undefined,
  threshold = 11,
  locale?: Locale,
): string {
  const text = formatRate(rate, threshold, locale);
  if (!interval || isSuppressedValue(interval) || numberOrNull(rate) === null) return text;
  return `${text} (95% interval ${formatIntervalBounds(interval, locale)})`;
}

/** "2.9–3.9%" */
export function formatIntervalBounds(interval: { lower: number; upper: number }, locale?: Locale): string {
  const percent = numberFormat(locale, PERCENT);
  const lower = percent.format(interval.lower).replace(/\s?%$/, '');
  return `${lower}–${percent.format(interval.upper)}`;
}

/** A relative change as a fraction, one decimal: 0.125 → "+12.5%", 0.1 → "+10.0%". */
export function formatSignedPercent(value: WireNumber, threshold = 11, locale?: Locale): string {
  if (isSuppressedValue(value)) return hiddenText(threshold, locale);
  const n = numberOrNull(value);
  return n === null ? '—' : numberFormat(locale, SIGNED_PERCENT).format(n);
}

/** An absolute change: counts as "+1,234"; rates (fraction differences) as "+0.4 pts". */
export function formatSignedChange(value: WireNumber, kind: 'count' | 'rate', threshold = 11, locale?: Locale): string {
  if (isSuppressedValue(value)) return hiddenText(threshold, locale);
  const n = numberOrNull(value);
  if (n === null) return '—';
  return kind === 'rate'
    ? `${numberFormat(locale, SIGNED_POINTS).format(n * 100)} pts`
    : numberFormat(locale, SIGNED_COUNT).format(n);
}

/** A fraction as a percentage with significant digits, so small rates stay readable: 0.0234 → "2.34%". */
export function formatPercent(fraction: number, locale?: Locale, digits = 3): string {
  return numberFormat(locale, { style: 'percent', maximumSignificantDigits: digits }).format(fraction);
}

/** A p-value: "< 0.001" or two significant digits. */
export function formatPValue(p: number, locale?: Locale): string {
  if (p < 0.001) return '< 0.001';
  return numberFormat(locale, { maximumSignificantDigits: 2 }).format(p);
}

export interface RateText {
  /** "2.34%", "no impressions" or "hidden (small numbers)". */
  value: string;
  /** "95% interval: likely between 2.10% and 2.60%", or null. */
  interval: string | null;
}

/**
 * A planning rate with its Wilson 95% interval, in words a reader without statistics follows. Two
 * decimals for every rate, so the figures of one column line up ("5.00%" beside "6.25%").
 */
export function describeRate(rate: PlanningRate | SuppressedValue, locale?: Locale): RateText {
  if (isSuppressedValue(rate)) return { value: 'hidden (small numbers)', interval: null };
  if (rate.estimate === null) return { value: 'no impressions', interval: null };
  const percent = (x: number) => formatNumber(x, 'percent', 2, locale);
  const interval =
    rate.lower === null || rate.upper === null
      ? null
      : `95% interval: likely between ${percent(rate.lower)} and ${percent(rate.upper)}`;
  return { value: percent(rate.estimate), interval };
}

/** ISO 4217's "no currency": the export did not say which currency its spend was in. */
export const NO_CURRENCY = 'XXX';

/**
 * An amount of money in its currency: "$1,234.56", "₹310.00"; an export that stated no currency
 * reads "1,234.56 (currency not stated)". Money in different currencies is never added up, so every
 * amount carries its own.
 */
export function formatMoney(amount: number, currency: string, locale?: Locale): string {
  if (currency === NO_CURRENCY) {
    return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} (currency not stated)`;
  }
  try {
    return numberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

/** A cost figure: money, "<11" when the count it divides by is hidden, "—" without one. */
export function formatCost(value: WireNumber, currency: string, threshold = 11, locale?: Locale): string {
  if (isSuppressedValue(value)) return suppressedText(threshold, locale);
  const n = numberOrNull(value);
  return n === null ? '—' : formatMoney(n, currency, locale);
}
