import { packKeys, packedCount, packedLength, unpackKeys } from './packed-keys.js';

/** n distinct sorted keys from a simple generator (well spread over the 32-bit range). */
function keysOf(n: number, seed: number): Uint32Array {
  const set = new Set<number>();
  let state = seed >>> 0;
  while (set.size < n) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    set.add((state ^ (state >>> 13) ^ Math.imul(state, 0x9e3779b1)) >>> 0);
  }
  return Uint32Array.from(set).sort();
}

const unpack = (bytes: Uint8Array): Uint32Array => {
  const out = new Uint32Array(Math.max(packedCount(bytes), 0));
  unpackKeys(bytes, out, 0);
  return out;
};

describe('packed keys (Elias–Fano)', () => {
  it('gives back exactly the keys packed, for every size from one key to the explicit limit and beyond', () => {
    for (const n of [1, 2, 3, 7, 100, 1_000, 2_048, 5_000]) {
      const keys = keysOf(n, n);
      const bytes = packKeys(keys, 6);
      expect(bytes[0]).toBe(6);
      expect(bytes.length).toBe(packedLength(keys));
      expect(packedCount(bytes)).toBe(n);
      expect(unpack(bytes)).toEqual(keys);
    }
  });

  it('keeps the extremes and keys that share their high or low bits', () => {
    for (const keys of [
      Uint32Array.from([0]),
      Uint32Array.from([0xffffffff]),
      Uint32Array.from([0, 1, 2, 0xfffffffe, 0xffffffff]),
      // 600 keys in one narrow range: the high parts are all equal; then 600 that differ only in their top bits.
      Uint32Array.from({ length: 600 }, (_, i) => 0x40000000 + i),
      Uint32Array.from({ length: 600 }, (_, i) => ((i * 7158278) | 0x1234) >>> 0).sort(),
    ]) {
      expect(unpack(packKeys(keys, 6))).toEqual(keys);
    }
  });

  it('takes 3 bytes a key and 1–2 bits for its top 8: 2,048 keys in 6.4 KB instead of 8 KB', () => {
    const n = 2_048;
    const keys = keysOf(n, 42);
    const bytes = packKeys(keys, 6);
    // The type byte, n (2 bytes, big-endian), the low 24 bits of each key in order, then the unary code.
    expect(bytes.length).toBe(3 + 3 * n + Math.ceil((n + ((keys[n - 1] as number) >>> 24)) / 8));
    expect(bytes.length).toBeLessThan(0.8 * n * 4);
    expect([...bytes.subarray(0, 6)]).toEqual([
      6,
      0x08,
      0x00,
      ...[16, 8, 0].map((s) => ((keys[0] as number) >>> s) & 0xff),
    ]);
    // Two keys with top bits 1 and 3: '01' then '001' — 0b01001000.
    expect([...packKeys(Uint32Array.from([0x01000005, 0x03000007]), 6)]).toEqual([
      6, 0, 2, 0, 0, 5, 0, 0, 7, 0b01001000,
    ]);
  });

  it('writes into an array at an offset, after what is already there', () => {
    const a = keysOf(30, 1);
    const b = keysOf(50, 2);
    const out = new Uint32Array(80);
    expect(unpackKeys(packKeys(a, 6), out, 0)).toBe(30);
    expect(unpackKeys(packKeys(b, 6), out, 30)).toBe(50);
    expect([...out]).toEqual([...a, ...b]);
  });

  it('refuses bytes cut short or corrupted, and unsorted or empty input', () => {
    const bytes = packKeys(keysOf(200, 3), 6);
    expect(() => unpack(bytes.subarray(0, bytes.length - 40))).toThrow('not a reach sketch');
    // The unary code's 1-bits cleared: it runs past the end.
    const cleared = bytes.slice();
    cleared.fill(0, 3 + 3 * 200);
    expect(() => unpack(cleared)).toThrow('not a reach sketch');
    // Top bits past 255: 300 0-bits before the first 1.
    const past = new Uint8Array(3 + 3 + 40);
    past.set([6, 0, 1]);
    past[past.length - 1] = 1;
    expect(() => unpack(past)).toThrow('not a reach sketch');
    expect(packedCount(Uint8Array.from([6, 0, 0, 20, 0]))).toBe(-1);
    expect(packedCount(Uint8Array.from([6, 0, 2, 1, 2, 3, 4]))).toBe(-1);
    expect(() => packKeys(Uint32Array.from([5, 3]), 6)).toThrow('sorted');
    expect(() => packKeys(new Uint32Array(0), 6)).toThrow(RangeError);
  });
});
