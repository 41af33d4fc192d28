/** Okabe–Ito series colours (CSS variables in app/styles.css), in order. */
export const SERIES_COLORS = [
  'var(--c-series-1)',
  'var(--c-series-2)',
  'var(--c-series-3)',
  'var(--c-series-4)',
  'var(--c-series-5)',
  'var(--c-series-6)',
] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? 'var(--c-series-1)';
}

/** True when the reader asked for less motion: charts then draw without animation. */
export function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}
