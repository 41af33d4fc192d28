import { setCellKey, SET_COLUMN_INDEXES } from './cube-day-build.js';

describe('setCellKey', () => {
  it('gives two cells of one grouping set the same key only when they are the same cell', () => {
    // Every grouping set × every combination of values in the 7 grouping columns, with columns of
    // different sizes: within a set, two keys are equal exactly when the values of its key columns are.
    const radix = [2, 3, 2, 3, 2, 2, 3];
    const combinations = radix.reduce((n, r) => n * r, 1);
    for (let set = 0; set < SET_COLUMN_INDEXES.length; set++) {
      const columns = SET_COLUMN_INDEXES[set] ?? [];
      const owner = new Map<number, string>();
      for (let n = 0; n < combinations; n++) {
        let rest = n;
        const ids = Int32Array.from(radix, (r) => {
          const id = rest % r;
          rest = Math.floor(rest / r);
          return id;
        });
        const identity = columns.map((c) => ids[c]).join(',');
        const key = setCellKey(columns, ids, 0, radix);
        expect(Number.isSafeInteger(key)).toBe(true);
        const seen = owner.get(key);
        if (seen !== undefined && seen !== identity)
          throw new Error(`set ${set}: ${identity} and ${seen} share key ${key}`);
        owner.set(key, identity);
      }
      expect(new Set(owner.values()).size).toBe(owner.size);
    }
  });

  it('reads ids at the cell offset, and stays exact at the largest values a day can have', () => {
    const radix = [65_536, 65_536, 65_536, 16, 16, 4_096, 1_024];
    const ids = Int32Array.from([9, 9, 9, 9, 9, 9, 9, ...radix.map((r) => r - 1)]);
    for (let set = 0; set < SET_COLUMN_INDEXES.length; set++) {
      const columns = SET_COLUMN_INDEXES[set] ?? [];
      const key = setCellKey(columns, ids, 7, radix);
      expect(Number.isSafeInteger(key)).toBe(true);
      expect(key).toBe(columns.reduce((k, c) => k * (radix[c] as number) + (radix[c] as number) - 1, 0));
    }
  });
});
