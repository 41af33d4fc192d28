import { cellKey, SET_COLUMN_INDEXES } from './cube-builder.js';

describe('cellKey', () => {
  it('gives two cells of a day the same key only when they are the same cell (same set, same values)', () => {
    // Every grouping set × every combination of interned values 0…2 in the 7 grouping columns,
    // including the case that once collided: the all-campaign total (no columns) against a
    // campaign total whose campaign was interned as 1.
    const owner = new Map<number, string>();
    for (let set = 0; set < SET_COLUMN_INDEXES.length; set++) {
      for (let n = 0; n < 3 ** 7; n++) {
        const ids = Array.from({ length: 7 }, (_, c) => Math.floor(n / 3 ** c) % 3);
        const identity = `${set}:${(SET_COLUMN_INDEXES[set] ?? []).map((c) => ids[c]).join(',')}`;
        const key = cellKey(set, ids);
        expect(Number.isSafeInteger(key)).toBe(true);
        const seen = owner.get(key);
        if (seen !== undefined && seen !== identity) throw new Error(`${identity} and ${seen} share key ${key}`);
        owner.set(key, identity);
      }
    }
    expect(new Set(owner.values()).size).toBe(owner.size);
  });

  it('stays an exact integer at the largest interned values', () => {
    const max = Array.from({ length: 7 }, () => 65_535);
    for (let set = 0; set < SET_COLUMN_INDEXES.length; set++)
      expect(Number.isSafeInteger(cellKey(set, max))).toBe(true);
  });
});
