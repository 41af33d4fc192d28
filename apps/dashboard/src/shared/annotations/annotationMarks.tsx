import { ReferenceArea, ReferenceLine } from 'recharts';
import type { PlacedAnnotation } from './placeAnnotations';

const COLORS = { note: 'var(--c-series-4)', observance: 'var(--c-series-3)' } as const;

/** The number a mark carries on the chart: the same number as in the list under it. */
export function markNumber(index: number): string {
  return String(index + 1);
}

/**
 * Recharts children for a time chart (call inside the chart, not as a component): one-bucket
 * annotations as vertical lines, ranges as shaded areas, each numbered like the list under the
 * chart and named for assistive technology.
 */
export function annotationMarks(placed: readonly PlacedAnnotation[]) {
  return placed.map((a, i) => {
    const name = `${markNumber(i)}: ${a.text}, ${a.dates}${a.kind === 'observance' ? ' (observance)' : ''}`;
    const label = { value: markNumber(i), position: 'insideTopLeft' as const, fontSize: 11, fill: 'var(--c-ink)' };
    return a.single ? (
      <ReferenceLine
        key={a.id}
        x={a.x1}
        stroke={COLORS[a.kind]}
        strokeDasharray={a.kind === 'observance' ? '2 3' : undefined}
        strokeWidth={1.5}
        label={label}
        ifOverflow="extendDomain"
        aria-label={name}
        role="img"
      />
    ) : (
      <ReferenceArea
        key={a.id}
        x1={a.x1}
        x2={a.x2}
        fill={COLORS[a.kind]}
        fillOpacity={a.kind === 'observance' ? 0.08 : 0.14}
        stroke="none"
        label={label}
        ifOverflow="extendDomain"
        aria-label={name}
        role="img"
      />
    );
  });
}
