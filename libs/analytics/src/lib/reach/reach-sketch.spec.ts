import {
  ReachSketch,
  readyForUnion,
  sketchOfHashes,
  sketchOfKeys,
  unionOfStored,
  SKETCH_EXPLICIT_LIMIT,
  SKETCH_REGISTERS,
  SKETCH_RELATIVE_STANDARD_ERROR,
} from './reach-sketch.js';

/** SplitMix64: well-mixed 64-bit values, standing in for keyed member hashes. */
function hashes(seed: number): () => bigint {
  let state = BigInt(seed);
  const mask = (1n << 64n) - 1n;
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & mask;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
    return BigInt.asIntN(64, z ^ (z >> 31n)); // signed, as PostgreSQL's bigint member_hash
  };
}

function sketchOf(values: readonly bigint[]): ReachSketch {
  const sketch = new ReachSketch();
  for (const v of values) sketch.add(v);
  return sketch;
}

describe('ReachSketch', () => {
  it('counts exactly while small, ignoring repeats, and says so', () => {
    const next = hashes(1);
    const people = Array.from({ length: 500 }, next);
    const sketch = sketchOf([...people, ...people.slice(0, 200)]);
    expect(sketch.estimate()).toEqual({ value: 500, exact: true });
    expect(new ReachSketch().estimate()).toEqual({ value: 0, exact: true });
  });

  it('unions exactly: people in both pieces count once (reach is never summed)', () => {
    const next = hashes(2);
    const shared = Array.from({ length: 300 }, next);
    const a = sketchOf([...shared, ...Array.from({ length: 400 }, next)]);
    const b = sketchOf([...shared, ...Array.from({ length: 100 }, next)]);
    a.merge(b);
    expect(a.estimate()).toEqual({ value: 800, exact: true });
  });

  it('union of stored sketches equals merging them one by one: exact while small, the same bytes past the limit and with dense inputs', () => {
    const next = hashes(9);
    const people = Array.from({ length: 3_000 }, next);
    const pieces = (from: number, to: number, step: number) =>
      Array.from({ length: Math.ceil((to - from) / step) }, (_, i) =>
        sketchOf(people.slice(from + i * step, Math.min(to, from + (i + 1) * step + 40))).toBytes(),
      );
    const merged = (list: Uint8Array[]) => {
      const sketch = new ReachSketch();
      for (const bytes of list) sketch.mergeBytes(bytes);
      return sketch;
    };
    // 300 people in overlapping pieces of ~140: exact, repeats counted once.
    const small = pieces(0, 300, 100);
    expect(ReachSketch.union(small).estimate()).toEqual({ value: 300, exact: true });
    // 3,000 people: past the explicit limit, the same registers as merging one by one.
    const large = pieces(0, 3_000, 250);
    expect(Buffer.from(ReachSketch.union(large).toBytes())).toEqual(Buffer.from(merged(large).toBytes()));
    expect(ReachSketch.union(large).estimate().exact).toBe(false);
    // A sparse (stored) input among explicit ones.
    const mixed = [sketchOf(people.slice(0, 2_500)).toBytes(), ...pieces(2_400, 2_700, 100)];
    expect(Buffer.from(ReachSketch.union(mixed).toBytes())).toEqual(Buffer.from(merged(mixed).toBytes()));
    // estimateUnion: the union's estimate, whichever path it takes.
    for (const list of [small, large, mixed, [], pieces(0, 2_048, 512), pieces(0, 2_049, 512)])
      expect(ReachSketch.estimateUnion(list)).toEqual(ReachSketch.union(list).estimate());
    expect(ReachSketch.estimateUnion(pieces(0, 2_048, 512))).toEqual({ value: 2_048, exact: true });
    expect(ReachSketch.estimateUnion(pieces(0, 2_049, 512)).exact).toBe(false);
    expect(ReachSketch.estimateUnion(small)).toEqual({ value: 300, exact: true }); // the reused set starts empty
    // Past the limit the estimate comes from the registers the hashes raise, in reused scratch registers:
    // the same as the built union's, again and again, and for a union many times the limit.
    const many = Array.from({ length: 40_000 }, hashes(11));
    const wide = Array.from({ length: 40 }, (_, i) => sketchOf(many.slice(i * 1_000, i * 1_000 + 1_200)).toBytes());
    for (const list of [large, wide, large, pieces(500, 2_900, 300)])
      expect(ReachSketch.estimateUnion(list)).toEqual(ReachSketch.union(list).estimate());
    expect(Math.abs((ReachSketch.estimateUnion(wide).value - 40_000) / 40_000)).toBeLessThan(
      3 * SKETCH_RELATIVE_STANDARD_ERROR,
    );
    expect(ReachSketch.union([]).estimate()).toEqual({ value: 0, exact: true });
    expect(ReachSketch.union([new Uint8Array(0)]).estimate()).toEqual({ value: 0, exact: true });
  });

  it('estimates unions of sketches readied once (explicit ones decoded to their keys) as of their stored bytes', () => {
    const next = hashes(17);
    const people = Array.from({ length: 70_000 }, next);
    const stored = (from: number, to: number) => sketchOf(people.slice(from, to)).toBytes();
    const explicit = [stored(0, 700), stored(500, 1_400), stored(1_300, 1_350), stored(0, 1)];
    const sparse = stored(1_000, 6_000);
    const dense = stored(0, 70_000);
    expect([...explicit.map((b) => b[0]), sparse[0], dense[0]]).toEqual([6, 6, 6, 4, 5, 2]);
    const ready = (list: Uint8Array[]) => list.map(readyForUnion);
    expect(readyForUnion(explicit[0] as Uint8Array)).toBeInstanceOf(Uint32Array);
    expect(readyForUnion(sparse)).toBe(sparse);
    for (const list of [
      explicit,
      [...explicit, stored(1_400, 2_100)], // 2,100 people: past the explicit limit
      [...explicit, sparse],
      [...explicit, dense],
      [new Uint8Array(0), ...explicit],
    ]) {
      const expected = ReachSketch.union(list).estimate();
      expect(ReachSketch.estimateUnion(ready(list))).toEqual(expected);
      // Readied and stored inputs together.
      expect(ReachSketch.estimateUnion([...ready(list.slice(0, 2)), ...list.slice(2)])).toEqual(expected);
    }
    expect(ReachSketch.estimateUnion(ready(explicit))).toEqual({ value: 1_400, exact: true });
  });

  it('estimates a union with sparse inputs from the registers they raise: the built union’s estimate, every time, and a broken input leaves nothing behind', () => {
    // A group's week cells past the explicit limit (sparse) with its days' explicit cells, as a breakdown
    // over whole weeks and a few days reads them; one week in the 3-byte form written before.
    const people = Array.from({ length: 12_000 }, hashes(13));
    const week = (from: number) => sketchOf(people.slice(from, from + 3_000)).toBytes();
    const legacySparse = (bytes: Uint8Array): Uint8Array => {
      // The 2-byte form's registers (10-bit gap, 6-bit value) as (2-byte index, value) triples.
      const registers: number[][] = [];
      let previous = -1;
      for (let offset = 1; offset < bytes.length; offset += 2) {
        const gap = ((bytes[offset] as number) << 2) | ((bytes[offset + 1] as number) >>> 6);
        const r = (bytes[offset + 1] as number) & 63;
        if (r === 0) {
          previous += gap;
          continue;
        }
        previous += 1 + gap;
        registers.push([previous >>> 8, previous & 0xff, r]);
      }
      return Uint8Array.from([3, ...registers.flat()]);
    };
    const weeks = [week(0), week(2_500), week(5_000)];
    expect(weeks.every((bytes) => bytes[0] === 5)).toBe(true);
    const days = [0, 1, 2].map((d) => sketchOf(people.slice(8_000 + d * 400, 8_000 + d * 400 + 500)).toBytes());
    const old = legacySparse(weeks[1] as Uint8Array);
    expect(ReachSketch.fromBytes(old).toBytes()).toEqual(weeks[1]);
    for (const list of [
      [...weeks, ...days],
      [weeks[0] as Uint8Array, old, ...days, new Uint8Array(0)],
      [weeks[2] as Uint8Array],
      [...weeks, ...days],
    ]) {
      const estimate = ReachSketch.estimateUnion(list);
      expect(estimate).toEqual(ReachSketch.union(list).estimate());
      expect(estimate.exact).toBe(false);
    }
    expect(Math.abs(ReachSketch.estimateUnion([...weeks, ...days]).value - 9_300) / 9_300).toBeLessThan(
      3 * SKETCH_RELATIVE_STANDARD_ERROR,
    );
    // A broken sparse input after good ones: refused, and the next estimate is as before.
    const before = ReachSketch.estimateUnion([...weeks, ...days]);
    expect(() => ReachSketch.estimateUnion([...weeks, Uint8Array.from([5, 1])])).toThrow('not a reach sketch');
    expect(ReachSketch.estimateUnion([...weeks, ...days])).toEqual(before);
  });

  it('round-trips through its stored bytes in all three representations, each no larger than needed', () => {
    const next = hashes(3);
    const small = sketchOf(Array.from({ length: 50 }, next));
    // Explicit: the keys packed, fewer than 4 bytes each.
    expect(small.toBytes()[0]).toBe(6);
    expect(small.toBytes().length).toBeLessThan(1 + 50 * 4);
    expect(ReachSketch.fromBytes(small.toBytes()).estimate()).toEqual({ value: 50, exact: true });
    const medium = sketchOf(Array.from({ length: 5_000 }, next));
    const sparse = medium.toBytes();
    // Sparse: 2 bytes per non-zero register (5,000 people set a few fewer registers than 5,000).
    expect(sparse[0]).toBe(5);
    expect(sparse.length).toBeLessThan(1 + 5_000 * 2 + 1);
    expect(sparse.length).toBeGreaterThan(1 + 4_500 * 2);
    expect(ReachSketch.fromBytes(sparse).estimate()).toEqual(medium.estimate());
    const large = sketchOf(Array.from({ length: 80_000 }, next));
    const bytes = large.toBytes();
    expect(bytes.length).toBe(1 + SKETCH_REGISTERS);
    expect(ReachSketch.fromBytes(bytes).estimate()).toEqual(large.estimate());
  });

  it('becomes an estimate just past the explicit limit, and the estimate is still within 1%', () => {
    const next = hashes(4);
    const sketch = sketchOf(Array.from({ length: SKETCH_EXPLICIT_LIMIT + 1 }, next));
    const { value, exact } = sketch.estimate();
    expect(exact).toBe(false);
    expect(Math.abs(value - (SKETCH_EXPLICIT_LIMIT + 1)) / (SKETCH_EXPLICIT_LIMIT + 1)).toBeLessThan(0.01);
  });

  it.each([5_000, 20_000, 100_000, 1_000_000])('estimates %i distinct people within 3 standard errors', (n) => {
    const next = hashes(n);
    const sketch = new ReachSketch();
    for (let i = 0; i < n; i++) sketch.add(next());
    const error = Math.abs(sketch.estimate().value - n) / n;
    expect(error).toBeLessThan(3 * SKETCH_RELATIVE_STANDARD_ERROR);
  });

  it('has the published relative standard error 1.04/√m (Flajolet et al. 2007) and no bias', () => {
    // 2^16 registers → 0.41%. Measured over 60 independent sketches of 50,000 people each.
    expect(SKETCH_RELATIVE_STANDARD_ERROR).toBeCloseTo(0.0040625, 7);
    const n = 50_000;
    const errors: number[] = [];
    for (let trial = 0; trial < 60; trial++) {
      const next = hashes(1000 + trial);
      const sketch = new ReachSketch();
      for (let i = 0; i < n; i++) sketch.add(next());
      errors.push((sketch.estimate().value - n) / n);
    }
    const mean = errors.reduce((s, e) => s + e, 0) / errors.length;
    const rse = Math.sqrt(errors.reduce((s, e) => s + e * e, 0) / errors.length);
    expect(Math.abs(mean)).toBeLessThan(0.002);
    expect(rse).toBeGreaterThan(0.5 * SKETCH_RELATIVE_STANDARD_ERROR);
    expect(rse).toBeLessThan(1.4 * SKETCH_RELATIVE_STANDARD_ERROR);
  });

  it('merging dense sketches equals sketching the union (order does not matter)', () => {
    const next = hashes(5);
    const a = Array.from({ length: 40_000 }, next);
    const b = [...a.slice(0, 20_000), ...Array.from({ length: 30_000 }, next)];
    const merged = sketchOf(a);
    merged.merge(sketchOf(b));
    const other = sketchOf(b);
    other.merge(sketchOf(a));
    const direct = sketchOf([...a, ...b]);
    expect(merged.toBytes()).toEqual(direct.toBytes());
    expect(other.toBytes()).toEqual(direct.toBytes());
    expect(Math.abs(direct.estimate().value - 70_000) / 70_000).toBeLessThan(3 * SKETCH_RELATIVE_STANDARD_ERROR);
  });

  it('keeps exact counts when many keys share their low bits, and stores the same set as the same bytes', () => {
    // Keys (top 32 bits) that differ only in their high half: every add probes past the others.
    const colliding = Array.from({ length: 1500 }, (_, i) => (BigInt(((i + 1) << 16) | 0x1234) << 32n) | 0x5678n);
    const sketch = sketchOf([...colliding, ...colliding.slice(0, 700)]);
    expect(sketch.estimate()).toEqual({ value: 1500, exact: true });
    const reversed = sketchOf([...colliding].reverse());
    expect(reversed.toBytes()).toEqual(sketch.toBytes());
    // Stored as a type byte (6), the count (1,500), the keys' low 24 bits (the first is 0x011234), then
    // their top 8 bits (packed-keys.ts): smaller than 4 bytes a key.
    const stored = sketch.toBytes();
    expect(Buffer.from(stored.subarray(0, 6)).toString('hex')).toBe('0605dc011234');
    expect(stored.length).toBeLessThan(0.8 * 1500 * 4);
  });

  it('stores a few people as plain 4-byte keys and more as packed keys, whichever is smaller, and reads every form', () => {
    const next = hashes(21);
    const people = Array.from({ length: 1_200 }, next);
    const key = (v: bigint) => Number(BigInt.asUintN(64, v) >> 32n);
    // One person: type 4 and the key (packing would add a 3-byte header to save nothing).
    const one = sketchOf(people.slice(0, 1)).toBytes();
    expect(one[0]).toBe(4);
    expect(new DataView(one.buffer, one.byteOffset).getUint32(1)).toBe(key(people[0] as bigint));
    for (const size of [2, 10, 100, 1_200]) {
      const bytes = sketchOf(people.slice(0, size)).toBytes();
      expect(bytes.length).toBeLessThanOrEqual(1 + size * 4);
      expect(ReachSketch.fromBytes(bytes).estimate()).toEqual({ value: size, exact: true });
      expect(ReachSketch.fromBytes(bytes).toBytes()).toEqual(bytes);
    }
    // The plain 4-byte form written before (type 4, sorted keys) and the packed form hold the same people.
    const plain = new Uint8Array(1 + 600 * 4);
    plain[0] = 4;
    const keys = Uint32Array.from(people.slice(0, 600), key).sort();
    keys.forEach((k, i) => new DataView(plain.buffer).setUint32(1 + i * 4, k));
    const packed = sketchOf(people.slice(300)).toBytes();
    expect(packed[0]).toBe(6);
    expect(ReachSketch.fromBytes(plain).toBytes()).toEqual(sketchOf(people.slice(0, 600)).toBytes());
    expect(ReachSketch.estimateUnion([plain, packed])).toEqual({ value: 1_200, exact: true });
    expect(ReachSketch.union([packed, plain]).estimate()).toEqual({ value: 1_200, exact: true });
    expect(unionOfStored([plain, packed]).estimate).toEqual({ value: 1_200, exact: true });
  });

  it('keeps a member as the top 32 bits of its hash: the same person in an 8-byte sketch written before counts once', () => {
    const next = hashes(11);
    const people = Array.from({ length: 400 }, next);
    // The form written before December 2026 (and by live reads' SQL): type 1, every hash's 8 bytes, sorted.
    const legacy = new Uint8Array(1 + 300 * 8);
    legacy[0] = 1;
    const view = new DataView(legacy.buffer);
    people
      .slice(0, 300)
      .map((v) => BigInt.asUintN(64, v))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .forEach((v, i) => view.setBigUint64(1 + i * 8, v));
    const current = sketchOf(people.slice(100)).toBytes();
    expect(ReachSketch.fromBytes(legacy).estimate()).toEqual({ value: 300, exact: true });
    // People 100–299 are in both: 400 in all, whichever form holds them.
    expect(ReachSketch.estimateUnion([legacy, current])).toEqual({ value: 400, exact: true });
    expect(ReachSketch.union([current, legacy]).estimate()).toEqual({ value: 400, exact: true });
    expect(unionOfStored([legacy, current]).estimate).toEqual({ value: 400, exact: true });
    // The legacy sketch read back is stored in the current form: the same bytes as sketching its people.
    expect(ReachSketch.fromBytes(legacy).toBytes()).toEqual(sketchOf(people.slice(0, 300)).toBytes());
    // Hashes equal in their top 32 bits are one member to a sketch (the price of 4 bytes a person).
    expect(sketchOf([0x0123456700000001n, 0x0123456700000002n]).estimate()).toEqual({ value: 1, exact: true });
  });

  it('reads the 3-byte sparse form written before, and bridges gaps past 1,023 registers in the 2-byte one', () => {
    // Registers 0 (value 3), 5,000 (49, the largest a 64-bit hash gave) and 65,535 (1): gaps of 4,999
    // and 60,534 need entries that only skip.
    const legacy = Uint8Array.from([3, 0, 0, 3, 0x13, 0x88, 49, 0xff, 0xff, 1]);
    const sketch = ReachSketch.fromBytes(legacy);
    const current = sketch.toBytes();
    expect(current[0]).toBe(5);
    expect(current.length).toBe(1 + 2 * (3 + Math.floor(4_999 / 1_023) + Math.floor(60_534 / 1_023)));
    // The same registers either way: merged into a dense sketch they give the same bytes.
    const dense = (bytes: Uint8Array) => {
      const s = sketchOf(Array.from({ length: 30_000 }, hashes(12)));
      s.mergeBytes(bytes);
      return s.toBytes();
    };
    expect(dense(current)).toEqual(dense(legacy));
    expect(ReachSketch.fromBytes(current).estimate()).toEqual(sketch.estimate());
    expect(sketch.estimate()).toEqual({ value: 3, exact: false });
  });

  it('accepts the decimal text PostgreSQL returns for a bigint', () => {
    const sketch = new ReachSketch();
    sketch.add('-9223372036854775808');
    sketch.add('9223372036854775807');
    sketch.add(9223372036854775807n);
    expect(sketch.estimate()).toEqual({ value: 2, exact: true });
  });

  it('refuses bytes that are not a sketch', () => {
    expect(() => ReachSketch.fromBytes(new Uint8Array([7, 1, 2]))).toThrow('not a reach sketch');
    expect(() => ReachSketch.fromBytes(new Uint8Array([2, 1, 2]))).toThrow(/dense sketch must be/);
    expect(() => ReachSketch.fromBytes(new Uint8Array([3, 1]))).toThrow('not a reach sketch');
    expect(() => ReachSketch.fromBytes(new Uint8Array([4, 1, 2]))).toThrow('not a reach sketch');
    expect(() => ReachSketch.fromBytes(new Uint8Array([5, 1]))).toThrow('not a reach sketch');
    expect(() => ReachSketch.fromBytes(new Uint8Array([6, 0, 9, 20, 1]))).toThrow('not a reach sketch');
    // Past the last register: 65 skips of 1,023 and one more entry.
    const past = new Uint8Array(1 + 66 * 2);
    past[0] = 5;
    for (let i = 0; i < 66; i++) [past[1 + 2 * i], past[2 + 2 * i]] = [0xff, i === 65 ? 0xc1 : 0xc0];
    expect(() => ReachSketch.fromBytes(past)).toThrow('not a reach sketch');
    expect(() => ReachSketch.fromBytes(new Uint8Array([1, 1, 2, 3, 4]))).toThrow('not a reach sketch');
  });
});

describe('sketchOfHashes', () => {
  it('gives the bytes and estimate of adding the same hashes one by one, on both sides of every form boundary', () => {
    // Sizes around the explicit limit, and past the point where sparse registers stop being smaller
    // than dense ones (half of the 2^16 registers set, about 45,000 people).
    for (const [size, seed] of [
      [1, 1],
      [300, 2],
      [SKETCH_EXPLICIT_LIMIT, 3],
      [SKETCH_EXPLICIT_LIMIT + 1, 4],
      [20_000, 5],
      [40_000, 6],
      [60_000, 7],
    ] as const) {
      const next = hashes(seed);
      const people = Array.from({ length: size }, next);
      // Everyone twice, in an order of their own: repeats count once, order does not matter.
      const given = [...people, ...people.slice().reverse()];
      const expected = sketchOf(given);
      const built = sketchOfHashes(BigUint64Array.from(given, (v) => BigInt.asUintN(64, v)));
      expect(built.estimate).toEqual(expected.estimate());
      expect(Buffer.from(built.bytes ?? [])).toEqual(Buffer.from(expected.toBytes()));
      // The day build hands over the keys alone (the top 32 bits): the same sketch.
      const fromKeys = sketchOfKeys(Uint32Array.from(given, (v) => Number(BigInt.asUintN(64, v) >> 32n)));
      expect(fromKeys).toEqual(built);
    }
  });

  it('gives no bytes and an exact zero for nobody', () => {
    expect(sketchOfHashes(new BigUint64Array(0))).toEqual({ bytes: null, estimate: { value: 0, exact: true } });
  });
});

describe('unionOfStored', () => {
  it('gives the bytes and estimate of ReachSketch.union, for explicit inputs and with sparse or dense ones', () => {
    const next = hashes(7);
    const small = Array.from({ length: 6 }, (_, day) =>
      sketchOf(Array.from({ length: 300 + day * 100 }, next)).toBytes(),
    );
    // Overlapping members: a day's people again on another day.
    const again = sketchOf([...Array.from({ length: 50 }, next)]).toBytes();
    const large = sketchOf(Array.from({ length: 30_000 }, next)).toBytes();
    for (const stored of [
      [small[0] as Uint8Array],
      [...small, again, small[2] as Uint8Array],
      [...small, large],
      [new Uint8Array(0), small[1] as Uint8Array],
    ]) {
      const union = ReachSketch.union(stored);
      const built = unionOfStored(stored);
      expect(built.estimate).toEqual(union.estimate());
      expect(Buffer.from(built.bytes ?? [])).toEqual(Buffer.from(union.toBytes()));
    }
    expect(unionOfStored([])).toEqual({ bytes: null, estimate: { value: 0, exact: true } });
  });
});
