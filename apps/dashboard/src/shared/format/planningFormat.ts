import type { PlanningCount, PlanningRate, PlanningSuppressed } from '@resonance/contracts';

/** Figures are formatted in the reader's locale; tests pass one explicitly. */
export type Locale = string | undefined;

export function isSuppressed(value: unknown): value is PlanningSuppressed {
  return typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

export function formatInteger(value: number, locale?: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A count, or "<threshold" when the server hid it. */
export function formatCount(value: PlanningCount, threshold: number, locale?: Locale): string {
  return isSuppressed(value) ? `<${formatInteger(threshold, locale)}` : formatInteger(value, locale);
}

/** A fraction as a percentage: 0.0234 → "2.34%" (significant digits keep small rates readable). */
export function formatPercent(fraction: number, locale?: Locale, digits = 3): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumSignificantDigits: digits }).format(fraction);
}

/** A signed percentage-point or relative change: +1.2%, −0.4%. */
export function formatSignedPercent(fraction: number, locale?: Locale): string {
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumSignificantDigits: 2,
    signDisplay: 'exceptZero',
  }).format(fraction);
}

export function formatPValue(p: number, locale?: Locale): string {
  if (p < 0.001) return '< 0.001';
  return new Intl.NumberFormat(locale, { maximumSignificantDigits: 2 }).format(p);
}

export interface RateText {
  /** "2.34%", "no impressions" or "hidden (small numbers)". */
  value: string;
  /** "95% CI 2.1%–2.6%", or null. */
  interval: string | null;
}

/** A rate with its Wilson 95% interval, in words. */
export function describeRate(rate: PlanningRate | PlanningSuppressed, locale?: Locale): RateText {
  if (isSuppressed(rate)) return { value: 'hidden (small numbers)', interval: null };
  if (rate.estimate === null) return { value: 'no impressions', interval: null };
  const interval =
    rate.lower === null || rate.upper === null
      ? null
      : `95% CI ${formatPercent(rate.lower, locale)}–${formatPercent(rate.upper, locale)}`;
  return { value: formatPercent(rate.estimate, locale), interval };
}

function isoToUtcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** "10 Oct 2027" or "1–31 May 2027" (the reader's locale, dates read as calendar days). */
export function formatDateRange(startsOn: string, endsOn: string, locale?: Locale): string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  if (startsOn === endsOn) return format.format(isoToUtcDate(startsOn));
  return format.formatRange(isoToUtcDate(startsOn), isoToUtcDate(endsOn));
}

export function formatDate(iso: string, locale?: Locale): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    isoToUtcDate(iso),
  );
}

/** Text as a sentence ending in one full stop (server definitions may or may not end with one). */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
