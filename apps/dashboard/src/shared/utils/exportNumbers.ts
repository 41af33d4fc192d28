type Wire = number | null | { suppressed: true } | undefined;

/** Rounds to `digits` decimals without float noise (8.266666 → 8.27). */
function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * A figure as a spreadsheet should get it: a number (a rate as a percentage, a rate's change as
 * percentage points, with the unit in the column header), "<11" for a hidden one, empty for none.
 */
export function exportNumber(value: Wire, unit: 'count' | 'percent' | 'points', threshold: number): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return `<${threshold}`;
  if (unit === 'count') return value;
  return round(value * 100, 2);
}
