import { findBridges, reachableWithout } from './bridges.js';
import { DEFAULT_SUPPRESSION_THRESHOLD, isSmallCount, validateSuppressionThreshold } from './threshold.js';
import type { WireCount } from './wire.js';

export type SuppressionReason = 'primary' | 'complementary';

/**
 * A table of non-negative integer counts, rows × columns, with optional published margins.
 * Margins are treated as additive (row total = sum of its cells). For non-additive figures such
 * as de-duplicated reach the protection is still at least as strong, since subtraction then
 * yields only bounds.
 */
export interface SuppressTableInput {
  cells: readonly (readonly number[])[];
  rowTotals?: readonly number[];
  columnTotals?: readonly number[];
  grandTotal?: number;
  /** Defaults to 11; must be an integer ≥ 11. */
  threshold?: number;
}

/** Where a value sits in the table. */
export type TableLocation =
  | { kind: 'cell'; row: number; column: number }
  | { kind: 'rowTotal'; row: number }
  | { kind: 'columnTotal'; column: number }
  | { kind: 'grandTotal' };

/** Same shape as the input with a value per position; margins present only when given. */
export interface TableShape<T> {
  cells: T[][];
  rowTotals?: T[];
  columnTotals?: T[];
  grandTotal?: T;
}

export interface SuppressTableResult {
  threshold: number;
  /** What may leave the server: counts, or `{ suppressed: true }`. */
  values: TableShape<WireCount>;
  /** Why each position is hidden; null when shown. */
  reasons: TableShape<SuppressionReason | null>;
  /** Every hidden position, in row-major order (cells, then row totals, column totals, grand total). */
  suppressed: { location: TableLocation; reason: SuppressionReason }[];
}

type Status = 'visible' | 'missing' | SuppressionReason;

/**
 * Internally the table is extended to (R+1) × (C+1): row totals are column C, column totals are
 * row R, the grand total is (R, C). Every extended row and column is then one equation, and a
 * margin that was not published is simply one more unknown.
 */
interface Grid {
  rows: number; // R + 1
  cols: number; // C + 1
  value: (number | undefined)[][];
  status: Status[][];
}

function checkCount(name: string, value: number): void {
  if (!(Number.isInteger(value) && value >= 0)) throw new RangeError(`${name} must be an integer >= 0; got ${value}`);
}

function buildGrid(input: SuppressTableInput): Grid {
  const R = input.cells.length;
  const C = input.cells[0]?.length ?? input.columnTotals?.length ?? 0;
  input.cells.forEach((row, r) => {
    if (row.length !== C) throw new RangeError(`cells[${r}] must have ${C} columns like cells[0]; got ${row.length}`);
    row.forEach((v, c) => checkCount(`cells[${r}][${c}]`, v));
  });
  if (input.rowTotals && input.rowTotals.length !== R) {
    throw new RangeError(`rowTotals must have one entry per row (${R}); got ${input.rowTotals.length}`);
  }
  if (input.columnTotals && input.columnTotals.length !== C) {
    throw new RangeError(`columnTotals must have one entry per column (${C}); got ${input.columnTotals.length}`);
  }
  input.rowTotals?.forEach((v, r) => checkCount(`rowTotals[${r}]`, v));
  input.columnTotals?.forEach((v, c) => checkCount(`columnTotals[${c}]`, v));
  if (input.grandTotal !== undefined) checkCount('grandTotal', input.grandTotal);

  const value: (number | undefined)[][] = [];
  for (let r = 0; r <= R; r++) {
    const line: (number | undefined)[] = [];
    for (let c = 0; c <= C; c++) {
      if (r < R && c < C) line.push(input.cells[r]?.[c]);
      else if (r < R) line.push(input.rowTotals?.[r]);
      else if (c < C) line.push(input.columnTotals?.[c]);
      else line.push(input.grandTotal);
    }
    value.push(line);
  }
  const status = value.map((line) => line.map((v): Status => (v === undefined ? 'missing' : 'visible')));
  return { rows: R + 1, cols: C + 1, value, status };
}

const isMargin = (g: Grid, r: number, c: number): boolean => r === g.rows - 1 || c === g.cols - 1;

/**
 * Best visible entry to hide next among `candidates`: non-zero interior cells first, then
 * non-zero margins (hiding a total costs the reader more), zeros only as a last resort; within
 * a group the smallest value, then the first in row-major order. Hiding the smallest usable
 * value loses the least information.
 */
function pick(g: Grid, candidates: readonly [number, number][]): [number, number] | undefined {
  const rank = ([r, c]: [number, number]): number => {
    const v = g.value[r]?.[c] ?? 0;
    return (v === 0 ? 2 : 0) + (isMargin(g, r, c) ? 1 : 0);
  };
  let best: [number, number] | undefined;
  for (const cand of candidates) {
    const [r, c] = cand;
    if (g.status[r]?.[c] !== 'visible') continue;
    if (!best) {
      best = cand;
      continue;
    }
    const [br, bc] = best;
    const byRank = rank(cand) - rank(best);
    if (byRank < 0 || (byRank === 0 && (g.value[r]?.[c] ?? 0) < (g.value[br]?.[bc] ?? 0))) best = cand;
  }
  return best;
}

/** One pass: find a hidden value the line equations pin down and hide one more value to stop it. */
function protectOne(g: Grid): boolean {
  // Nodes: rows 0..rows-1, then columns as rows+0..rows+cols-1. Edges: every unknown entry.
  const nodeCount = g.rows + g.cols;
  const edges: [number, number][] = [];
  const entries: [number, number][] = [];
  const degree = new Array<number>(nodeCount).fill(0);
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.cols; c++) {
      if (g.status[r]?.[c] === 'visible') continue;
      edges.push([r, g.rows + c]);
      entries.push([r, c]);
      degree[r] = (degree[r] ?? 0) + 1;
      degree[g.rows + c] = (degree[g.rows + c] ?? 0) + 1;
    }
  }
  const bridges = [...findBridges(nodeCount, edges)].sort((a, b) => a - b);
  for (const id of bridges) {
    const [r, c] = entries[id] ?? [0, 0];
    if (g.status[r]?.[c] === 'missing') continue; // an unpublished margin is not a secret
    const rowLine = Array.from({ length: g.cols }, (_, k): [number, number] => [r, k]);
    const colLine = Array.from({ length: g.rows }, (_, k): [number, number] => [k, c]);
    let choice: [number, number] | undefined;
    if (degree[r] === 1) choice = pick(g, rowLine);
    if (!choice && degree[g.rows + c] === 1) choice = pick(g, colLine);
    if (!choice) {
      // General bridge: hide a value joining the two sides, which closes a cycle through it.
      const sideA = reachableWithout(nodeCount, edges, r, id);
      const sideB = reachableWithout(nodeCount, edges, g.rows + c, id);
      const crossing: [number, number][] = [];
      for (let rr = 0; rr < g.rows; rr++) {
        for (let cc = 0; cc < g.cols; cc++) {
          const col = g.rows + cc;
          if ((sideA.has(rr) && sideB.has(col)) || (sideB.has(rr) && sideA.has(col))) crossing.push([rr, cc]);
        }
      }
      choice = pick(g, crossing);
    }
    if (!choice) continue; // cannot happen for a bridge between lines of length ≥ 2; stay safe
    const [pr, pc] = choice;
    const line = g.status[pr];
    if (line) line[pc] = 'complementary';
    return true;
  }
  return false;
}

function toShape<T>(g: Grid, input: SuppressTableInput, at: (r: number, c: number) => T): TableShape<T> {
  const R = g.rows - 1;
  const C = g.cols - 1;
  const shape: TableShape<T> = {
    cells: Array.from({ length: R }, (_, r) => Array.from({ length: C }, (_, c) => at(r, c))),
  };
  if (input.rowTotals) shape.rowTotals = Array.from({ length: R }, (_, r) => at(r, C));
  if (input.columnTotals) shape.columnTotals = Array.from({ length: C }, (_, c) => at(R, c));
  if (input.grandTotal !== undefined) shape.grandTotal = at(R, C);
  return shape;
}

function locate(g: Grid, r: number, c: number): TableLocation {
  const [R, C] = [g.rows - 1, g.cols - 1];
  if (r < R && c < C) return { kind: 'cell', row: r, column: c };
  if (r < R) return { kind: 'rowTotal', row: r };
  if (c < C) return { kind: 'columnTotal', column: c };
  return { kind: 'grandTotal' };
}

/**
 * Small-cell suppression for a table, the one implementation for everything that leaves the
 * server.
 * 1. Primary: every cell or published total of 1 … threshold − 1 is hidden (0 stays visible).
 * 2. Complementary, until stable: a line (row, column, or the list of row/column totals with the
 *    grand total) holding exactly one hidden value gets its smallest visible non-zero value
 *    hidden too; and any hidden value still pinned down by combining several lines' equations
 *    (a bridge, see bridges.ts) gets a partner that puts it on a cycle.
 * Afterwards no hidden value equals a linear combination of published values, so
 * "total minus the visible siblings" and chains of such subtractions recover nothing exact.
 * A hidden value can still be bounded (e.g. "between 1 and 10"), which is the accepted rule.
 */
export function suppressTable(input: SuppressTableInput): SuppressTableResult {
  const threshold = validateSuppressionThreshold(input.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD);
  const g = buildGrid(input);
  g.value.forEach((line, r) =>
    line.forEach((v, c) => {
      const status = g.status[r];
      if (v !== undefined && status && isSmallCount(v, threshold)) status[c] = 'primary';
    }),
  );
  // Each pass hides one more value, so this ends after at most rows × cols passes.
  while (protectOne(g)) {
    /* keep going until no hidden value can be derived */
  }

  const reasonAt = (r: number, c: number): SuppressionReason | null => {
    const s = g.status[r]?.[c];
    return s === 'primary' || s === 'complementary' ? s : null;
  };
  const suppressed: SuppressTableResult['suppressed'] = [];
  const order: [number, number][] = [];
  for (let r = 0; r < g.rows - 1; r++) for (let c = 0; c < g.cols - 1; c++) order.push([r, c]);
  for (let r = 0; r < g.rows - 1; r++) order.push([r, g.cols - 1]);
  for (let c = 0; c < g.cols; c++) order.push([g.rows - 1, c]);
  for (const [r, c] of order) {
    const reason = reasonAt(r, c);
    if (reason) suppressed.push({ location: locate(g, r, c), reason });
  }
  return {
    threshold,
    values: toShape<WireCount>(g, input, (r, c) => (reasonAt(r, c) ? { suppressed: true } : (g.value[r]?.[c] ?? 0))),
    reasons: toShape(g, input, reasonAt),
    suppressed,
  };
}
