import { suppressTable, type SuppressTableInput, type TableShape } from './suppress-table.js';
import { isSuppressed, type WireCount } from './wire.js';

/** The table extended with its margins: (R+1) × (C+1), undefined where a total wasn't published. */
function extended<T>(shape: TableShape<T>, rows: number, cols: number): (T | undefined)[][] {
  return Array.from({ length: rows + 1 }, (_, r) =>
    Array.from({ length: cols + 1 }, (_, c) => {
      if (r < rows && c < cols) return shape.cells[r]?.[c];
      if (r < rows) return shape.rowTotals?.[r];
      if (c < cols) return shape.columnTotals?.[c];
      return shape.grandTotal;
    }),
  );
}

/** Each extended row/column as positions: the members, and the total last. */
function lines(rows: number, cols: number): [number, number][][] {
  const out: [number, number][][] = [];
  for (let r = 0; r <= rows; r++) out.push(Array.from({ length: cols + 1 }, (_, c): [number, number] => [r, c]));
  for (let c = 0; c <= cols; c++) out.push(Array.from({ length: rows + 1 }, (_, r): [number, number] => [r, c]));
  return out;
}

/**
 * Attacker 1, "total minus the visible siblings", repeated while it finds something.
 * `known[r][c]` is the published value or undefined. Returns positions it recovered.
 */
function subtractionAttack(known: (number | undefined)[][], rows: number, cols: number, totalsExist: boolean[][]) {
  const values = known.map((line) => [...line]);
  const recovered: [number, number][] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const line of lines(rows, cols)) {
      const total = line[line.length - 1] ?? [0, 0];
      if (!totalsExist[total[0]]?.[total[1]]) continue; // no published equation for this line
      const unknown = line.filter(([r, c]) => values[r]?.[c] === undefined);
      if (unknown.length !== 1) continue;
      const [ur, uc] = unknown[0] ?? [0, 0];
      const members = line.slice(0, -1).map(([r, c]) => values[r]?.[c] ?? 0);
      const totalValue = values[total[0]]?.[total[1]] ?? 0;
      const isTotal = ur === total[0] && uc === total[1];
      const sum = members.reduce((s, v) => s + v, 0);
      const row = values[ur];
      if (row) row[uc] = isTotal ? sum : totalValue - sum;
      recovered.push([ur, uc]);
      progress = true;
    }
  }
  return { recovered, values };
}

/** Attacker 2, linear algebra: which unknowns are fixed by all line equations together? */
function determinedUnknowns(hidden: boolean[][], rows: number, cols: number): [number, number][] {
  const unknowns: [number, number][] = [];
  hidden.forEach((line, r) => line.forEach((h, c) => h && unknowns.push([r, c])));
  const index = new Map(unknowns.map(([r, c], i) => [`${r},${c}`, i]));
  const matrix: number[][] = lines(rows, cols).map((line) => {
    const eq = new Array<number>(unknowns.length).fill(0);
    line.forEach(([r, c], k) => {
      const i = index.get(`${r},${c}`);
      if (i !== undefined) eq[i] = k === line.length - 1 ? -1 : 1;
    });
    return eq;
  });
  // Row-reduce, then e_k lies in the row space iff reducing it against the pivots leaves 0.
  const pivots: { col: number; row: number[] }[] = [];
  for (const eq of matrix) {
    const v = [...eq];
    for (const p of pivots) {
      const f = v[p.col] ?? 0;
      if (f !== 0) p.row.forEach((x, j) => (v[j] = (v[j] ?? 0) - f * x));
    }
    const col = v.findIndex((x) => Math.abs(x) > 1e-9);
    if (col < 0) continue;
    const lead = v[col] ?? 1;
    const row = v.map((x) => x / lead);
    for (const p of pivots) {
      const f = p.row[col] ?? 0;
      if (f !== 0) p.row.forEach((x, j) => (p.row[j] = x - f * (row[j] ?? 0)));
    }
    pivots.push({ col, row });
  }
  return unknowns.filter((_, k) => {
    const v: number[] = unknowns.map((__, j) => (j === k ? 1 : 0));
    for (const p of pivots) {
      const f = v[p.col] ?? 0;
      if (f !== 0) p.row.forEach((x, j) => (v[j] = (v[j] ?? 0) - f * x));
    }
    return v.every((x) => Math.abs(x) < 1e-9);
  });
}

function withMargins(cells: number[][], margins = { rows: true, columns: true, grand: true }): SuppressTableInput {
  const rowTotals = cells.map((row) => row.reduce((s, v) => s + v, 0));
  const columnTotals = (cells[0] ?? []).map((_, c) => cells.reduce((s, row) => s + (row[c] ?? 0), 0));
  return {
    cells,
    ...(margins.rows ? { rowTotals } : {}),
    ...(margins.columns ? { columnTotals } : {}),
    ...(margins.grand ? { grandTotal: rowTotals.reduce((s, v) => s + v, 0) } : {}),
  };
}

/** Secret positions (hidden and actually published) plus everything unknown to an attacker. */
function attackSurface(input: SuppressTableInput, hiddenShape: TableShape<boolean>) {
  const rows = input.cells.length;
  const cols = input.cells[0]?.length ?? 0;
  const truth = extended<number>(input as TableShape<number>, rows, cols);
  const hiddenExt = extended(hiddenShape, rows, cols);
  const published = truth.map((line) => line.map((v) => v !== undefined));
  const unknown = truth.map((line, r) => line.map((v, c) => v === undefined || hiddenExt[r]?.[c] === true));
  const known = truth.map((line, r) => line.map((v, c) => (unknown[r]?.[c] ? undefined : v)));
  const secret = (r: number, c: number): boolean => (published[r]?.[c] ?? false) && (unknown[r]?.[c] ?? false);
  return { rows, cols, truth, known, unknown, published, secret };
}

const hiddenOf = (values: TableShape<WireCount>): TableShape<boolean> => ({
  cells: values.cells.map((row) => row.map(isSuppressed)),
  ...(values.rowTotals ? { rowTotals: values.rowTotals.map(isSuppressed) } : {}),
  ...(values.columnTotals ? { columnTotals: values.columnTotals.map(isSuppressed) } : {}),
  ...(values.grandTotal !== undefined ? { grandTotal: isSuppressed(values.grandTotal) } : {}),
});

describe('suppressTable (2-D)', () => {
  const cells = [
    [120, 5, 40],
    [80, 60, 30],
    [200, 90, 70],
  ];

  it('hides a 2×2 pattern around one small cell so neither rows nor columns give it away', () => {
    const input = withMargins(cells);
    const result = suppressTable(input);
    expect(result.reasons.cells).toEqual([
      [null, 'primary', 'complementary'],
      [null, 'complementary', 'complementary'],
      [null, null, null],
    ]);
    expect(result.values.rowTotals).toEqual([165, 170, 360]);
    const s = attackSurface(input, hiddenOf(result.values));
    const { recovered } = subtractionAttack(s.known, s.rows, s.cols, s.published);
    expect(recovered.filter(([r, c]) => s.secret(r, c))).toEqual([]);
    expect(determinedUnknowns(s.unknown, s.rows, s.cols).filter(([r, c]) => s.secret(r, c))).toEqual([]);
  });

  it('the attack is real: with primary suppression only, subtraction recovers the hidden 5', () => {
    const input = withMargins(cells);
    const primaryOnly: TableShape<boolean> = { ...hiddenOf(suppressTable(input).values) };
    primaryOnly.cells = cells.map((row) => row.map((v) => v > 0 && v < 11));
    const s = attackSurface(input, primaryOnly);
    const { recovered, values } = subtractionAttack(s.known, s.rows, s.cols, s.published);
    expect(recovered).toContainEqual([0, 1]);
    expect(values[0]?.[1]).toBe(5);
  });

  it('catches a hidden cell that only a combination of rows and columns reveals', () => {
    // Two 2×2 blocks of small cells joined by one small cell at (1, 2): every line has ≥ 2
    // hidden cells, yet (rows 0+1) − (columns 0+1) isolates (1, 2).
    const input = withMargins([
      [5, 6, 50, 60],
      [7, 8, 9, 70],
      [80, 90, 4, 3],
      [100, 110, 2, 1],
    ]);
    const primaryOnly: TableShape<boolean> = {
      cells: (input.cells as number[][]).map((row) => row.map((v) => v > 0 && v < 11)),
      rowTotals: [false, false, false, false],
      columnTotals: [false, false, false, false],
      grandTotal: false,
    };
    const before = attackSurface(input, primaryOnly);
    expect(determinedUnknowns(before.unknown, before.rows, before.cols)).toContainEqual([1, 2]);

    const result = suppressTable(input);
    expect(result.suppressed.some((s) => s.reason === 'complementary')).toBe(true);
    const after = attackSurface(input, hiddenOf(result.values));
    expect(determinedUnknowns(after.unknown, after.rows, after.cols).filter(([r, c]) => after.secret(r, c))).toEqual(
      [],
    );
  });

  it('suppresses small totals and reports where and why', () => {
    const result = suppressTable(
      withMargins([
        [3, 4],
        [30, 40],
      ]),
    );
    // Row total 7 is small; grand total 77 − row total 70 would give it back, so 70 goes too.
    expect(result.reasons.rowTotals).toEqual(['primary', 'complementary']);
    expect(result.values.grandTotal).toBe(77);
    expect(result.suppressed).toContainEqual({ location: { kind: 'rowTotal', row: 0 }, reason: 'primary' });
    expect(result.suppressed).toContainEqual({ location: { kind: 'cell', row: 0, column: 0 }, reason: 'primary' });
  });

  it('leaves a table with no small cells untouched', () => {
    const input = withMargins([
      [12, 40],
      [0, 300],
    ]);
    const result = suppressTable(input);
    expect(result.suppressed).toEqual([]);
    expect(result.values).toEqual({
      cells: [
        [12, 40],
        [0, 300],
      ],
      rowTotals: [52, 300],
      columnTotals: [12, 340],
      grandTotal: 352,
    });
  });

  it.each([
    [{ cells: [[1, 2], [3]] }, /cells\[1\] must have 2 columns/],
    [{ cells: [[1.5]] }, /cells\[0\]\[0\] must be an integer >= 0/],
    [{ cells: [[1, 2]], rowTotals: [3, 4] }, /rowTotals must have one entry per row/],
    [{ cells: [[1]], threshold: 10 }, /threshold must be an integer >= 11/],
  ])('rejects malformed input %j', (input, message) => {
    expect(() => suppressTable(input)).toThrow(RangeError);
    expect(() => suppressTable(input)).toThrow(message);
  });
});

describe('suppressTable property: random tables leak nothing', () => {
  let seed = 20240510;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const count = (): number => {
    const u = random();
    if (u < 0.25) return 0;
    if (u < 0.6) return 1 + Math.floor(random() * 10);
    return 11 + Math.floor(random() * 300);
  };

  it('over 300 random tables: primaries hidden, lines never hold exactly one hidden cell, nothing derivable', () => {
    for (let t = 0; t < 300; t++) {
      const rows = 1 + Math.floor(random() * 5);
      const cols = 1 + Math.floor(random() * 5);
      const cells = Array.from({ length: rows }, () => Array.from({ length: cols }, count));
      const margins = { rows: random() < 0.8, columns: random() < 0.7, grand: random() < 0.6 };
      const threshold = random() < 0.8 ? 11 : 11 + Math.floor(random() * 20);
      const input = { ...withMargins(cells, margins), threshold };
      const result = suppressTable(input);
      const s = attackSurface(input, hiddenOf(result.values));
      const reasons = extended(result.reasons, rows, cols);

      s.truth.forEach((line, r) =>
        line.forEach((v, c) => {
          if (v === undefined) return;
          const wire = extended(result.values, rows, cols)[r]?.[c];
          if (v >= 1 && v < threshold) expect(reasons[r]?.[c]).toBe('primary');
          if (reasons[r]?.[c] === null)
            expect(wire).toBe(v); // visible values are the true values
          else expect(wire).toEqual({ suppressed: true });
        }),
      );
      for (const line of lines(rows, cols)) {
        const [tr, tc] = line[line.length - 1] ?? [0, 0];
        const members = line.slice(0, -1);
        const totalVisible = s.published[tr]?.[tc] && !s.unknown[tr]?.[tc];
        if (!totalVisible || !members.every(([r, c]) => s.published[r]?.[c])) continue;
        const hiddenInLine = members.filter(([r, c]) => s.unknown[r]?.[c]).length;
        expect(hiddenInLine === 0 || hiddenInLine >= 2).toBe(true);
      }
      const leaked = determinedUnknowns(s.unknown, rows, cols).filter(([r, c]) => s.secret(r, c));
      expect(leaked).toEqual([]);
    }
  });
});
