import type { CreativeMatrixResponse, CreativeVerdict } from '@resonance/contracts';
import {
  formatCount,
  formatRateWithInterval,
  formatSignedPercent,
  isSuppressedValue,
  numberOrNull,
} from '../../../shared/format';

export interface HeatmapCell {
  segmentId: string;
  lift: number | null;
  suppressed: boolean;
  verdict: CreativeVerdict | null;
  /** Text in the cell: "+23%", "<11", "—". */
  text: string;
  /** Everything about the cell, for the hover title and screen readers. */
  detail: string;
  background: string;
  color: string;
}

export interface HeatmapRow {
  creativeId: string;
  name: string;
  cells: HeatmapCell[];
}

export interface HeatmapData {
  columns: { id: string; name: string }[];
  rows: HeatmapRow[];
}

// Diverging scale, colour-blind safe: orange below the segment average, white at it, blue above.
const BLUE: [number, number, number] = [0, 114, 178];
const ORANGE: [number, number, number] = [213, 94, 0];
const WHITE: [number, number, number] = [255, 255, 255];

/** Lift beyond ±LIFT_CLAMP gets the full colour. */
export const LIFT_CLAMP = 0.5;

function mix(a: [number, number, number], b: [number, number, number], t: number): [number, number, number] {
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * t)) as [number, number, number];
}

/** Background and text colour for a lift (0.2 = 20 % above the segment average). */
export function liftColor(lift: number | null): { background: string; color: string } {
  if (lift === null || !Number.isFinite(lift)) return { background: '#f3f4f6', color: '#1b1f24' };
  const t = Math.min(1, Math.abs(lift) / LIFT_CLAMP);
  const [r, g, b] = mix(WHITE, lift >= 0 ? BLUE : ORANGE, t);
  return { background: `rgb(${r}, ${g}, ${b})`, color: t > 0.55 ? '#ffffff' : '#1b1f24' };
}

/** The creative × segment lift grid, creatives in response order, segments as columns. */
export function toHeatmap(response: CreativeMatrixResponse, threshold = 11): HeatmapData {
  const columns = response.segments.map((s) => ({ id: s.segment.id, name: s.segment.name }));
  const byKey = new Map(response.cells.map((c) => [`${c.creativeId}|${c.segmentId}`, c]));
  const rows = response.creatives.map((creative) => ({
    creativeId: creative.id,
    name: creative.name,
    cells: columns.map((column): HeatmapCell => {
      const cell = byKey.get(`${creative.id}|${column.id}`);
      if (!cell) {
        return {
          segmentId: column.id,
          lift: null,
          suppressed: false,
          verdict: null,
          text: '—',
          detail: `${creative.name}, ${column.name}: no data`,
          ...liftColor(null),
        };
      }
      const suppressed = isSuppressedValue(cell.lift);
      const lift = numberOrNull(cell.lift);
      // A lift from a few dozen impressions (−100%, +58.7%) is noise: greyed and not shown, like the cards.
      const thin = cell.verdict === 'not enough data';
      const text = suppressed ? `<${threshold}` : thin ? 'too few' : lift === null ? '—' : formatSignedPercent(lift);
      const detail =
        `${creative.name}, ${column.name}: ` +
        (suppressed
          ? `fewer than ${threshold} people (hidden for privacy)`
          : thin
            ? `not enough data to compare (${formatCount(cell.impressions, threshold)} impressions)`
            : `lift ${lift === null ? 'not computable' : formatSignedPercent(lift)} vs the segment average; engagement rate ${formatRateWithInterval(cell.engagementRate, cell.interval, threshold)}; ${formatCount(cell.impressions, threshold)} impressions; ${cell.verdict}`);
      return {
        segmentId: column.id,
        lift,
        suppressed,
        verdict: cell.verdict,
        text,
        detail,
        ...liftColor(thin ? null : lift),
      };
    }),
  }));
  return { columns, rows };
}
