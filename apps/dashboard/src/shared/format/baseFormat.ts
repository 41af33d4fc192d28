import type { MetricKind } from '@resonance/analytics';

export type NumberFormat = 'count' | 'percent' | 'decimal' | 'compact';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(format: NumberFormat, fractionDigits: number | undefined, locale?: string): Intl.NumberFormat {
  const key = `${locale ?? ''}|${format}|${fractionDigits ?? ''}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.NumberFormatOptions =
      format === 'percent'
        ? { style: 'percent', minimumFractionDigits: fractionDigits ?? 1, maximumFractionDigits: fractionDigits ?? 1 }
        : format === 'compact'
          ? { notation: 'compact', maximumFractionDigits: fractionDigits ?? 1 }
          : format === 'decimal'
            ? { maximumFractionDigits: fractionDigits ?? 2 }
            : { maximumFractionDigits: fractionDigits ?? 0 };
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** Formats a number with Intl: counts as integers, rates (fractions 0–1) as percentages. */
export function formatNumber(
  value: number,
  format: NumberFormat = 'count',
  fractionDigits?: number,
  locale?: string,
): string {
  return formatter(format, fractionDigits, locale).format(value);
}

/** The display format of a metric kind: rates as percentages, counts and reach as whole numbers. */
export function formatForKind(kind: MetricKind): NumberFormat {
  return kind === 'rate' ? 'percent' : 'count';
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** An ISO timestamp in the reader's locale and time zone; '—' for null. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
}

/** An ISO calendar date (YYYY-MM-DD) as a readable date, without shifting it by the time zone. */
export function formatIsoDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : dateOnly.format(d);
}
