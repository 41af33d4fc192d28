import { createHmac } from 'node:crypto';
import {
  CELL_KEY_MAX_PERTURBATION,
  cellKeyNote,
  isSuppressed,
  perturbCount,
  suppressedLabel,
  suppressList,
  suppressTable,
  toWireCount,
  type ComputedMetrics,
  type WireCount,
} from '@resonance/analytics';
import {
  ANALYTICS_METRIC_IDS,
  COUNT_METRIC_IDS,
  type CountMetricId,
  type MetricDelta,
  type MetricDeltas,
  type MetricSet,
  type ShareOfTotal,
  type SuppressibleRate,
  type SuppressionInfo,
} from '@resonance/contracts';
import { CellDraws, cellKey, countDraw, type CellVector } from './cell-key.js';
import type { DisclosurePolicy } from '../../warehouse/read/disclosure.js';

/**
 * THE place where small-cell suppression is applied to analytics figures. Every count that leaves
 * the server through an analytics route (and the exports built on these services) passes through
 * `suppressCells`:
 * - primary: a count of 1 … threshold − 1 becomes `{ suppressed: true }`;
 * - complementary: among sibling cells published with a total (a breakdown and its total row,
 *   timeseries buckets and the period total, the creatives of one segment and the segment total),
 *   further cells are hidden so that no hidden one can be recovered by subtraction
 *   (@resonance/analytics suppressList / suppressTable; two-dimensional breakdowns are protected as a
 *   table with its row and column margins, because those margins can be asked for separately);
 * - rates are hidden whenever their numerator or denominator is;
 * - cell-key perturbation: every count left visible (cells, totals, reach) is adjusted by −5 … +5,
 *   fixed by an HMAC of the cell's exact count vector (./cell-key.ts, @resonance/analytics
 *   perturbCount), and never shown below the threshold; rates are computed from the published
 *   counts. This is what stops differencing *across* answers (filters and their complements,
 *   overlapping periods, segments, exports, planning): a difference of two published figures is
 *   off by up to ±10 and never gives a hidden count back exactly.
 * Each metric is suppressed independently; reach (distinct, non-additive) gets the same rules, which
 * is at least as strict as needed since subtraction only yields bounds for distinct counts.
 */

export type { DisclosurePolicy };

export interface CellFigures {
  counts: ComputedMetrics;
  /** null = not derivable for this question. */
  reach: number | null;
}

/** Positions of rows in a two-dimensional breakdown (row index = first dimension value, column = second). */
export interface GridPositions {
  rows: number;
  columns: number;
  at: readonly (readonly [number, number])[];
}

export interface SuppressCellsInput {
  cells: readonly CellFigures[];
  /** The published (or separately obtainable) total of the cells; null when there is none. */
  total: CellFigures | null;
  policy: DisclosurePolicy;
  grid?: GridPositions;
}

export interface SuppressCellsResult {
  cells: MetricSet[];
  total: MetricSet | null;
}

type CountValues = Record<CountMetricId | 'reach', WireCount | null>;

function suppressOne(
  values: readonly number[],
  total: number | undefined,
  threshold: number,
  grid: GridPositions | undefined,
): { cells: WireCount[]; total: WireCount | undefined } {
  if (!grid) {
    const result = suppressList({ counts: values, ...(total !== undefined ? { total } : {}), threshold });
    return { cells: result.values, total: result.total };
  }
  const table = Array.from({ length: grid.rows }, () => new Array<number>(grid.columns).fill(0));
  grid.at.forEach(([r, c], i) => {
    const row = table[r];
    if (row) row[c] = values[i] ?? 0;
  });
  const rowTotals = table.map((row) => row.reduce((s, v) => s + v, 0));
  const columnTotals = Array.from({ length: grid.columns }, (_, c) => table.reduce((s, row) => s + (row[c] ?? 0), 0));
  const grandTotal = total ?? rowTotals.reduce((s, v) => s + v, 0);
  const result = suppressTable({ cells: table, rowTotals, columnTotals, grandTotal, threshold });
  return {
    cells: grid.at.map(([r, c]) => result.values.cells[r]?.[c] ?? { suppressed: true }),
    total: total !== undefined ? (result.values.grandTotal ?? { suppressed: true }) : undefined,
  };
}

/** A rate from published counts: hidden when either is, null without a denominator. */
function publishedRate(numerator: WireCount, denominator: WireCount): number | null | { suppressed: true } {
  if (isSuppressed(numerator) || isSuppressed(denominator)) return { suppressed: true };
  return denominator === 0 ? null : numerator / denominator;
}

function toMetricSet(v: CountValues): MetricSet {
  const c = (id: CountMetricId): WireCount => v[id] ?? 0;
  return {
    impressions: c('impressions'),
    reach: v.reach,
    engagements: c('engagements'),
    clicks: c('clicks'),
    shares: c('shares'),
    videoViews: c('videoViews'),
    videoCompletions: c('videoCompletions'),
    resourceClicks: c('resourceClicks'),
    // From the published counts, so a rate times its published denominator gives nothing new.
    engagementRate: publishedRate(c('engagements'), c('impressions')),
    clickThroughRate: publishedRate(c('clicks'), c('impressions')),
    shareRate: publishedRate(c('shares'), c('impressions')),
    videoCompletionRate: publishedRate(c('videoCompletions'), c('videoViews')),
  };
}

function vectorOf(counts: ComputedMetrics): CellVector {
  const out = {} as Record<CountMetricId, number>;
  for (const id of COUNT_METRIC_IDS) out[id] = counts[id];
  return out;
}

/**
 * THE perturbation step: the published form of counts that suppression left as numbers, for one
 * cell whose exact count vector is `vector`. Planning and segments use it too, so the same records
 * get the same adjustments wherever they are published.
 */
export function publishCounts<K extends string>(
  policy: DisclosurePolicy,
  vector: CellVector,
  values: Readonly<Record<K, WireCount | null>>,
): Record<K, WireCount | null> {
  const draws = new CellDraws(cellKey(policy.cellKeySecret, vector));
  const out = {} as Record<K, WireCount | null>;
  for (const id of Object.keys(values) as K[]) {
    const value = values[id];
    out[id] = value === null || isSuppressed(value) ? value : perturbCount(value, draws.draw(value), policy.threshold);
  }
  return out;
}

/**
 * A count published on its own with no count vector of its own (platform-reported reach): keyed
 * by what identifies it and its value, primary rule, then the same adjustment.
 */
export function publishLoneCount(policy: DisclosurePolicy, identity: string, count: number): WireCount {
  const wire = toWireCount(count, policy.threshold);
  if (isSuppressed(wire)) return wire;
  const key = createHmac('sha256', policy.cellKeySecret).update(`lone:${identity}:${count}`, 'utf8').digest();
  return perturbCount(wire, countDraw(key, wire), policy.threshold);
}

export function suppressCells(input: SuppressCellsInput): SuppressCellsResult {
  const { cells, total, policy, grid } = input;
  const threshold = policy.threshold;
  const perCell: CountValues[] = cells.map(() => ({}) as CountValues);
  const totalValues = {} as CountValues;
  for (const id of COUNT_METRIC_IDS) {
    const out = suppressOne(
      cells.map((cell) => cell.counts[id]),
      total ? total.counts[id] : undefined,
      threshold,
      grid,
    );
    out.cells.forEach((value, i) => {
      const target = perCell[i];
      if (target) target[id] = value;
    });
    totalValues[id] = out.total ?? null;
  }
  // Reach: non-additive, so margins of a grid cannot be derived from its cells; a list with the total.
  const reachKnown = cells.every((cell) => cell.reach !== null);
  if (reachKnown && cells.length > 0) {
    const totalReach = total?.reach ?? undefined;
    const out = suppressList({
      counts: cells.map((cell) => cell.reach ?? 0),
      ...(totalReach !== undefined && totalReach !== null ? { total: totalReach } : {}),
      threshold,
    });
    out.values.forEach((value, i) => {
      const target = perCell[i];
      if (target) target.reach = value;
    });
    totalValues.reach =
      out.total ?? (total?.reach === null || total === null ? null : toWireCount(total.reach, threshold));
  } else {
    perCell.forEach((target) => (target.reach = null));
    totalValues.reach = total?.reach === null || total === null ? null : toWireCount(total.reach, threshold);
  }
  const publish = (figures: CellFigures, values: CountValues): MetricSet =>
    toMetricSet(publishCounts(policy, vectorOf(figures.counts), values));
  return {
    cells: cells.map((cell, i) => publish(cell, perCell[i] ?? ({} as CountValues))),
    total: total ? publish(total, totalValues) : null,
  };
}

/** A figure standing alone (no siblings, no total next to it): primary suppression only. */
export function suppressStandalone(cell: CellFigures, policy: DisclosurePolicy): MetricSet {
  const [set] = suppressCells({ cells: [cell], total: null, policy }).cells;
  if (!set) throw new Error('unreachable: one cell in, one out');
  return set;
}

/** current − comparison, and relative change; suppressed when either side is, null when either is null. */
export function metricDeltas(current: MetricSet, comparison: MetricSet): MetricDeltas {
  const out = {} as MetricDeltas;
  for (const id of ANALYTICS_METRIC_IDS) {
    out[id] = delta(current[id], comparison[id]);
  }
  return out;
}

/** Deltas where there is nothing to compare with (e.g. a bucket past the end of a shorter comparison period). */
export function emptyDeltas(): MetricDeltas {
  const out = {} as MetricDeltas;
  for (const id of ANALYTICS_METRIC_IDS) out[id] = { absolute: null, relative: null };
  return out;
}

function delta(current: SuppressibleRate, comparison: SuppressibleRate): MetricDelta {
  if (isSuppressed(current) || isSuppressed(comparison))
    return { absolute: { suppressed: true }, relative: { suppressed: true } };
  if (current === null || comparison === null) return { absolute: null, relative: null };
  const absolute = current - comparison;
  return { absolute, relative: comparison === 0 ? null : absolute / comparison };
}

function share(part: SuppressibleRate, whole: SuppressibleRate): SuppressibleRate {
  if (isSuppressed(part) || isSuppressed(whole)) return { suppressed: true };
  if (part === null || whole === null || whole === 0) return null;
  return part / whole;
}

export function shareOfTotal(row: MetricSet, total: MetricSet): ShareOfTotal {
  return {
    impressions: share(row.impressions, total.impressions),
    engagements: share(row.engagements, total.engagements),
    reach: share(row.reach, total.reach),
  };
}

export function suppressionInfo(threshold: number): SuppressionInfo {
  return {
    threshold,
    label: suppressedLabel(threshold),
    method: 'cell-key perturbation',
    maxPerturbation: CELL_KEY_MAX_PERTURBATION,
    note: cellKeyNote(threshold),
  };
}

export { isSuppressed };
