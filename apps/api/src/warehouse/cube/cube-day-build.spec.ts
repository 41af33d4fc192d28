import { rowsByHash, setCellKey, SET_COLUMN_INDEXES } from './cube-day-build.js';

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

describe('rowsByHash', () => {
  /** Rows as DAY_SQL gives them: [high word, low word] of each unsigned hash, or null for an anonymous row. */
  function order(hashes: readonly ([number, number] | null)[]): number[] {
    const words = new Uint32Array(hashes.length * 2);
    const members = new Uint8Array(hashes.length);
    hashes.forEach((h, r) => {
      if (!h) return;
      [words[2 * r], words[2 * r + 1]] = h;
      members[r] = 1;
    });
    return Array.from(
      rowsByHash(
        words,
        members,
        members.reduce((n, m) => n + m, 0),
      ),
    );
  }

  it('orders the member rows by the unsigned 64-bit hash, every 16-bit digit counting, anonymous rows left out', () => {
    const hashes: ([number, number] | null)[] = [
      [0xffff_ffff, 0], // the largest high word: unsigned, not negative
      [0, 0x0001_0000], // differs from the next only in the low word's upper half
      null,
      [0, 0x0000_ffff],
      [0x0001_0000, 0],
      [0x0000_ffff, 0xffff_ffff],
      null,
      [0, 0],
    ];
    expect(order(hashes)).toEqual([7, 3, 1, 5, 4, 0]);
  });

  it('keeps equal hashes together, in row order, and agrees with a sort by BigInt on random hashes', () => {
    let seed = 42;
    const random = (): number => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0);
    const hashes = Array.from({ length: 5_000 }, (_, r): [number, number] | null =>
      r % 17 === 0 ? null : [random(), random()],
    );
    for (let r = 100; r < 200; r++) hashes[r + 1000] = hashes[r] ?? null; // repeats
    const big = (h: [number, number]): bigint => (BigInt(h[0]) << 32n) | BigInt(h[1]);
    const expected = hashes
      .map((h, r) => ({ h, r }))
      .filter((x): x is { h: [number, number]; r: number } => x.h !== null)
      .sort((x, y) => (big(x.h) < big(y.h) ? -1 : big(x.h) > big(y.h) ? 1 : x.r - y.r))
      .map((x) => x.r);
    expect(order(hashes)).toEqual(expected);
  });
});
