import { cellKey, SET_COLUMN_INDEXES } from './cube-builder.js';

describe('cellKey', () => {
  it('gives two cells of one grouping set and day the same key only when they are the same cell', () => {
    // Every grouping set × every combination of interned values 0…2 in the 7 grouping columns: within a
    // set, two keys are equal exactly when the values of the set's key columns are.
    for (let set = 0; set < SET_COLUMN_INDEXES.length; set++) {
      const owner = new Map<number | string, string>();
      for (let n = 0; n < 3 ** 7; n++) {
        const ids = Array.from({ length: 7 }, (_, c) => Math.floor(n / 3 ** c) % 3);
        const identity = (SET_COLUMN_INDEXES[set] ?? []).map((c) => ids[c]).join(',');
        const key = cellKey(set, ids);
        if (typeof key === 'number') expect(Number.isSafeInteger(key)).toBe(true);
        const seen = owner.get(key);
        if (seen !== undefined && seen !== identity)
          throw new Error(`set ${set}: ${identity} and ${seen} share key ${key}`);
        owner.set(key, identity);
      }
      expect(new Set(owner.values()).size).toBe(owner.size);
    }
  });

  it('stays an exact integer at the largest interned values, and distinguishes them from the smallest', () => {
    const max = Array.from({ length: 7 }, () => 65_535);
    const min = Array.from({ length: 7 }, () => 0);
    for (let set = 0; set < SET_COLUMN_INDEXES.length; set++) {
      const key = cellKey(set, max);
      if (typeof key === 'number') expect(Number.isSafeInteger(key)).toBe(true);
      if ((SET_COLUMN_INDEXES[set] ?? []).length > 0) expect(key).not.toEqual(cellKey(set, min));
    }
  });

  it('keys the full audience cell (more than three columns) by every one of its values', () => {
    const wide = SET_COLUMN_INDEXES.findIndex((columns) => columns.length > 3);
    expect(wide).toBeGreaterThanOrEqual(0);
    const a = [1, 0, 2, 3, 4, 5, 6];
    const b = [1, 0, 2, 3, 4, 5, 7];
    expect(cellKey(wide, a)).not.toEqual(cellKey(wide, b));
  });
});
