/**
 * Reach (distinct people) as a mergeable sketch, so that reach over any window, segment or set of
 * creatives is the union of small stored pieces instead of a distinct count over every member.
 *
 * Three stored representations, as in postgresql-hll and HyperLogLog++:
 * - explicit: the member hashes themselves, up to SKETCH_EXPLICIT_LIMIT of them. Counting is exact;
 * - sparse: the non-zero registers of the HyperLogLog below as (index, value) pairs, 3 bytes each,
 *   while that is smaller than the dense form;
 * - dense: a HyperLogLog of 2^16 one-byte registers (Flajolet et al. 2007). Relative standard error
 *   1.04/√m = 0.41%, estimated with Ertl's improved raw estimator (Ertl 2017, "New cardinality
 *   estimation algorithms for HyperLogLog sketches", Algorithm 6), which needs no empirical bias
 *   tables and is unbiased from small to very large counts.
 * A union stays exact while it holds at most SKETCH_EXPLICIT_LIMIT people; beyond, it is an estimate.
 *
 * Input hashes are the keyed member hashes (HMAC, uniformly distributed 64 bits), so no further
 * hashing is needed: the top 16 bits choose the register, the position of the first 1-bit in the
 * remaining 48 bits is the register's candidate value.
 */

export const SKETCH_PRECISION = 16;
export const SKETCH_REGISTERS = 1 << SKETCH_PRECISION;
/** Largest union counted exactly. */
export const SKETCH_EXPLICIT_LIMIT = 2048;
/** Relative standard error of a dense sketch's estimate (1.04/√m, Flajolet et al. 2007). */
export const SKETCH_RELATIVE_STANDARD_ERROR = 1.04 / Math.sqrt(SKETCH_REGISTERS);

const Q = 64 - SKETCH_PRECISION; // bits left after the register index (48)
const LOW_BITS_OF_HI = 32 - SKETCH_PRECISION; // 16
const LOW_MASK_OF_HI = (1 << LOW_BITS_OF_HI) - 1;
const TYPE_EXPLICIT = 1;
const TYPE_DENSE = 2;
const TYPE_SPARSE = 3;
const ALPHA_INF = 1 / (2 * Math.LN2);

export interface ReachEstimate {
  value: number;
  /** True when the figure is an exact count (the union held at most SKETCH_EXPLICIT_LIMIT people). */
  exact: boolean;
}

function registerOf(hi: number): number {
  return hi >>> LOW_BITS_OF_HI;
}

/** 1 + the number of leading zeros in the 48 bits after the register index (Q + 1 when all zero). */
function rankOf(hi: number, lo: number): number {
  const rest = hi & LOW_MASK_OF_HI;
  if (rest !== 0) return Math.clz32(rest) - SKETCH_PRECISION + 1;
  if (lo !== 0) return LOW_BITS_OF_HI + Math.clz32(lo) + 1;
  return Q + 1;
}

/** σ(x) of Ertl 2017 (equation 41): x + Σ_{k≥1} x^(2^k)·2^(k−1). */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  for (;;) {
    x *= x;
    const previous = z;
    z += x * y;
    y += y;
    if (z === previous) return z;
  }
}

/** τ(x) of Ertl 2017 (equation 44): (1 − x − Σ_{k≥1} (1 − x^(2^−k))²·2^−k) / 3. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (;;) {
    x = Math.sqrt(x);
    const previous = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
    if (z === previous) return z / 3;
  }
}

/** Ertl's improved raw estimator from the register histogram. */
function estimateDense(registers: Uint8Array): number {
  const m = SKETCH_REGISTERS;
  const counts = new Array<number>(Q + 2).fill(0);
  for (let i = 0; i < m; i++) {
    const r = registers[i] as number;
    counts[r] = (counts[r] as number) + 1;
  }
  return estimateFromHistogram(counts);
}

/** Ertl's improved raw estimator (Algorithm 6) from `counts[k]`, the number of registers holding k. */
function estimateFromHistogram(counts: readonly number[]): number {
  const m = SKETCH_REGISTERS;
  let z = m * tau(1 - (counts[Q + 1] as number) / m);
  for (let k = Q; k >= 1; k--) z = 0.5 * (z + (counts[k] as number));
  z += m * sigma((counts[0] as number) / m);
  return (ALPHA_INF * m * m) / z;
}

/** A member hash split once for the many sketches it is added to: its unsigned 32-bit halves. */
export interface PreparedHash {
  hi: number;
  lo: number;
}

/**
 * The explicit form's set of hashes: open addressing over the two 32-bit halves (no BigInt, which
 * made adding members the slowest part of building a day's sketches). The hashes are uniformly
 * distributed already, so the low bits of `lo` are the slot. Grows by doubling at half full.
 */
class HashSet64 {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private used: Uint8Array;
  size = 0;

  /** Room for `expected` hashes without growing (slots: a power of two, at least twice as many). */
  constructor(expected = 8) {
    let slots = 16;
    while (slots < expected * 2 + 2) slots *= 2;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.used = new Uint8Array(slots);
  }

  add(hi: number, lo: number): void {
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      if (this.used[i] === 0) {
        this.used[i] = 1;
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.size++;
        return;
      }
      if (this.hi[i] === hi && this.lo[i] === lo) return;
    }
  }

  /** Empty again, with room for `expected` hashes (a reused set: no allocation when it already has it). */
  reset(expected: number): void {
    if (this.used.length < expected * 2 + 2) {
      const fresh = new HashSet64(expected);
      [this.hi, this.lo, this.used] = [fresh.hi, fresh.lo, fresh.used];
    } else this.used.fill(0);
    this.size = 0;
  }

  forEach(fn: (hi: number, lo: number) => void): void {
    for (let i = 0; i < this.used.length; i++) if (this.used[i] === 1) fn(this.hi[i] as number, this.lo[i] as number);
  }

  private grow(): void {
    const { hi, lo, used } = this;
    this.hi = new Uint32Array(used.length * 2);
    this.lo = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i] === 1) this.add(hi[i] as number, lo[i] as number);
  }
}

/** The set estimateUnion counts in (one at a time: it runs synchronously). */
const SCRATCH = new HashSet64();
/** The registers estimateUnion raises past the explicit limit, and which it touched (all zero again after). */
const SCRATCH_REGISTERS = new Uint8Array(SKETCH_REGISTERS);
const SCRATCH_TOUCHED = new Int32Array(SKETCH_REGISTERS);

/**
 * The HyperLogLog estimate of a union of explicit sketches, from the registers their hashes raise —
 * the registers union() would build, so the same estimate — touching only those registers: the work
 * grows with the hashes (a few thousand for a breakdown group over a month), not with the 2^16 registers
 * a dense sketch allocates, fills and scans.
 */
function estimateExplicitUnion(stored: readonly Uint8Array[]): number {
  const registers = SCRATCH_REGISTERS;
  let touched = 0;
  for (const bytes of stored) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let offset = 1; offset < bytes.length; offset += 8) {
      const hi = view.getUint32(offset);
      const index = registerOf(hi);
      const rank = rankOf(hi, view.getUint32(offset + 4));
      const current = registers[index] as number;
      if (current === 0) SCRATCH_TOUCHED[touched++] = index;
      if (rank > current) registers[index] = rank;
    }
  }
  const counts = new Array<number>(Q + 2).fill(0);
  counts[0] = SKETCH_REGISTERS - touched;
  for (let i = 0; i < touched; i++) {
    const index = SCRATCH_TOUCHED[i] as number;
    const r = registers[index] as number;
    counts[r] = (counts[r] as number) + 1;
    registers[index] = 0;
  }
  return estimateFromHistogram(counts);
}

/** The stored form of HyperLogLog registers: sparse while 3 bytes per non-zero register is smaller, else dense. */
function registersToBytes(registers: Uint8Array): Uint8Array {
  let nonZero = 0;
  for (let i = 0; i < SKETCH_REGISTERS; i++) if (registers[i] !== 0) nonZero++;
  if (nonZero * 3 < SKETCH_REGISTERS) {
    const sparse = new Uint8Array(1 + nonZero * 3);
    sparse[0] = TYPE_SPARSE;
    let offset = 1;
    for (let i = 0; i < SKETCH_REGISTERS; i++) {
      const r = registers[i] as number;
      if (r === 0) continue;
      sparse[offset] = i >>> 8;
      sparse[offset + 1] = i & 0xff;
      sparse[offset + 2] = r;
      offset += 3;
    }
    return sparse;
  }
  const out = new Uint8Array(1 + SKETCH_REGISTERS);
  out[0] = TYPE_DENSE;
  out.set(registers, 1);
  return out;
}

export class ReachSketch {
  /** Exact member hashes while small; null once dense. */
  private explicit: HashSet64 | null = new HashSet64();
  private registers: Uint8Array | null = null;

  /** A member hash (a signed or unsigned 64-bit integer, as bigint or decimal string) ready to add. */
  static prepare(hash: bigint | string): PreparedHash {
    const value = BigInt.asUintN(64, typeof hash === 'string' ? BigInt(hash) : hash);
    return { hi: Number(value >> 32n), lo: Number(value & 0xffffffffn) };
  }

  /** Adds one member hash (a signed or unsigned 64-bit integer, as bigint or decimal string). */
  add(hash: bigint | string): void {
    this.addPrepared(ReachSketch.prepare(hash));
  }

  addPrepared(hash: PreparedHash): void {
    if (this.explicit) {
      this.explicit.add(hash.hi, hash.lo);
      if (this.explicit.size > SKETCH_EXPLICIT_LIMIT) this.densify();
      return;
    }
    this.addToRegisters(hash.hi, hash.lo);
  }

  /** Adds every member of another sketch (its serialised form, as stored). */
  mergeBytes(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    if (bytes[0] === TYPE_DENSE) {
      if (bytes.length !== 1 + SKETCH_REGISTERS)
        throw new Error(`dense sketch must be ${1 + SKETCH_REGISTERS} bytes, got ${bytes.length}`);
      if (this.explicit) this.densify();
      const registers = this.registers as Uint8Array;
      for (let i = 0; i < SKETCH_REGISTERS; i++) {
        const r = bytes[i + 1] as number;
        if (r > (registers[i] as number)) registers[i] = r;
      }
      return;
    }
    if (bytes[0] === TYPE_SPARSE) {
      if ((bytes.length - 1) % 3 !== 0) throw new Error('not a reach sketch');
      if (this.explicit) this.densify();
      const registers = this.registers as Uint8Array;
      for (let offset = 1; offset < bytes.length; offset += 3) {
        const index = ((bytes[offset] as number) << 8) | (bytes[offset + 1] as number);
        const r = bytes[offset + 2] as number;
        if (r > (registers[index] as number)) registers[index] = r;
      }
      return;
    }
    if (bytes[0] !== TYPE_EXPLICIT || (bytes.length - 1) % 8 !== 0) throw new Error('not a reach sketch');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let offset = 1; offset < bytes.length; offset += 8) {
      if (this.explicit) {
        this.explicit.add(view.getUint32(offset), view.getUint32(offset + 4));
        if (this.explicit.size > SKETCH_EXPLICIT_LIMIT) this.densify();
      } else {
        this.addToRegisters(view.getUint32(offset), view.getUint32(offset + 4));
      }
    }
  }

  merge(other: ReachSketch): void {
    this.mergeBytes(other.toBytes());
  }

  get isEmpty(): boolean {
    return this.explicit !== null && this.explicit.size === 0;
  }

  estimate(): ReachEstimate {
    if (this.explicit) return { value: this.explicit.size, exact: true };
    return { value: Math.round(estimateDense(this.registers as Uint8Array)), exact: false };
  }

  /**
   * Storage form: a type byte, then sorted 8-byte hashes (explicit), (2-byte index, 1-byte value)
   * per non-zero register (sparse), or all 2^16 registers (dense) — whichever applies and is smaller.
   */
  toBytes(): Uint8Array {
    if (this.registers) return registersToBytes(this.registers);
    const pairs: [number, number][] = [];
    this.explicit?.forEach((hi, lo) => pairs.push([hi, lo]));
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out = new Uint8Array(1 + pairs.length * 8);
    out[0] = TYPE_EXPLICIT;
    const view = new DataView(out.buffer);
    pairs.forEach(([hi, lo], i) => {
      view.setUint32(1 + i * 8, hi);
      view.setUint32(5 + i * 8, lo);
    });
    return out;
  }

  /**
   * The union of stored sketches, as merging each with mergeBytes gives, with the explicit set sized
   * once for the hashes the inputs hold (up to the explicit limit) instead of doubling as they arrive:
   * a group's reach over many small day or week cells is the common case on the read path.
   */
  static union(stored: Iterable<Uint8Array>): ReachSketch {
    const list = [...stored].filter((bytes) => bytes.length > 0);
    const sketch = new ReachSketch();
    let hashes = 0;
    for (const bytes of list) {
      if (bytes[0] === TYPE_EXPLICIT) hashes += (bytes.length - 1) >>> 3;
      else hashes = Infinity; // a sparse or dense input: the union is dense
    }
    if (hashes === Infinity) sketch.densify();
    else if (hashes > 8) sketch.explicit = new HashSet64(Math.min(hashes, SKETCH_EXPLICIT_LIMIT + 1));
    for (const bytes of list) sketch.mergeBytes(bytes);
    return sketch;
  }

  /**
   * The estimate of the union of stored sketches — union(stored).estimate() — without building a sketch
   * when every input is explicit (the usual read of a group's day and week cells): their hashes are
   * counted in one reused set while the union stays within the explicit limit, and past it the estimate
   * comes from the registers they raise alone (estimateExplicitUnion), so a breakdown of 800 groups
   * allocates no per-group arrays. Otherwise, the union's estimate as built by union.
   */
  static estimateUnion(stored: readonly Uint8Array[]): ReachEstimate {
    let hashes = 0;
    for (const bytes of stored) {
      if (bytes.length === 0) continue;
      if (bytes[0] !== TYPE_EXPLICIT || (bytes.length - 1) % 8 !== 0) return ReachSketch.union(stored).estimate();
      hashes += (bytes.length - 1) >>> 3;
    }
    const set = SCRATCH;
    set.reset(Math.min(hashes, SKETCH_EXPLICIT_LIMIT + 1));
    for (const bytes of stored) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let offset = 1; offset < bytes.length; offset += 8) {
        set.add(view.getUint32(offset), view.getUint32(offset + 4));
        if (set.size > SKETCH_EXPLICIT_LIMIT) return { value: Math.round(estimateExplicitUnion(stored)), exact: false };
      }
    }
    return { value: set.size, exact: true };
  }

  static fromBytes(bytes: Uint8Array): ReachSketch {
    const sketch = new ReachSketch();
    sketch.mergeBytes(bytes);
    return sketch;
  }

  private densify(): void {
    this.registers = new Uint8Array(SKETCH_REGISTERS);
    const values = this.explicit;
    this.explicit = null;
    values?.forEach((hi, lo) => this.addToRegisters(hi, lo));
  }

  private addToRegisters(hi: number, lo: number): void {
    const registers = this.registers as Uint8Array;
    const index = registerOf(hi);
    const rank = rankOf(hi, lo);
    if (rank > (registers[index] as number)) registers[index] = rank;
  }
}

/** A sketch in its stored form with its estimate: what a cube build writes per cell. */
export interface EncodedSketch {
  /** The storage form (ReachSketch.toBytes), or null when nobody was counted. */
  bytes: Uint8Array | null;
  estimate: ReachEstimate;
}

/** The registers sketchOfHashes fills past the explicit limit (one at a time: it runs synchronously). */
const BUILD_REGISTERS = new Uint8Array(SKETCH_REGISTERS);
const BUILD_TOUCHED = new Int32Array(SKETCH_REGISTERS);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * A BigUint64Array's values as 32-bit words, without a BigInt per value: value i is
 * `words[2i + hi] * 2^32 + words[2i + lo]` (the platform's byte order decides which word is which).
 */
export function hashWords(hashes: BigUint64Array): { words: Uint32Array; hi: number; lo: number } {
  return {
    words: new Uint32Array(hashes.buffer, hashes.byteOffset, hashes.length * 2),
    hi: LITTLE_ENDIAN ? 1 : 0,
    lo: LITTLE_ENDIAN ? 0 : 1,
  };
}

/**
 * The sketch of a set of member hashes given all at once — what adding each to a new ReachSketch and
 * then calling toBytes() and estimate() gives, byte for byte — for builders that collect a cell's
 * hashes first (a day's cube cells: millions of hashes a day). `hashes` (unsigned 64-bit, repeats
 * allowed) is sorted in place: explicit sketches are the distinct hashes in order, so no hash set is
 * grown per cell.
 */
export function sketchOfHashes(hashes: BigUint64Array): EncodedSketch {
  hashes.sort();
  const { words, hi: H, lo: L } = hashWords(hashes);
  const n = hashes.length;
  const repeat = (i: number): boolean =>
    i > 0 && words[2 * i + H] === words[2 * i - 2 + H] && words[2 * i + L] === words[2 * i - 2 + L];
  let distinct = 0;
  for (let i = 0; i < n; i++) if (!repeat(i)) distinct++;
  if (distinct === 0) return { bytes: null, estimate: { value: 0, exact: true } };
  if (distinct <= SKETCH_EXPLICIT_LIMIT) {
    const out = new Uint8Array(1 + distinct * 8);
    out[0] = TYPE_EXPLICIT;
    const view = new DataView(out.buffer);
    let offset = 1;
    for (let i = 0; i < n; i++) {
      if (repeat(i)) continue;
      view.setUint32(offset, words[2 * i + H] as number);
      view.setUint32(offset + 4, words[2 * i + L] as number);
      offset += 8;
    }
    return { bytes: out, estimate: { value: distinct, exact: true } };
  }
  // The registers the hashes raise, and which they touch: a sparse sketch (most cells past the explicit
  // limit) is written, estimated and cleared from those alone, not from all 2^16 registers.
  const registers = BUILD_REGISTERS;
  let touched = 0;
  for (let i = 0; i < n; i++) {
    const hi = words[2 * i + H] as number;
    const index = registerOf(hi);
    const rank = rankOf(hi, words[2 * i + L] as number);
    const current = registers[index] as number;
    if (current === 0) BUILD_TOUCHED[touched++] = index;
    if (rank > current) registers[index] = rank;
  }
  if (touched * 3 >= SKETCH_REGISTERS) {
    const bytes = registersToBytes(registers);
    const value = Math.round(estimateDense(registers));
    registers.fill(0);
    return { bytes, estimate: { value, exact: false } };
  }
  const indexes = BUILD_TOUCHED.subarray(0, touched).sort();
  const sparse = new Uint8Array(1 + touched * 3);
  sparse[0] = TYPE_SPARSE;
  const counts = new Array<number>(Q + 2).fill(0);
  counts[0] = SKETCH_REGISTERS - touched;
  for (let i = 0; i < touched; i++) {
    const index = indexes[i] as number;
    const r = registers[index] as number;
    sparse[1 + i * 3] = index >>> 8;
    sparse[2 + i * 3] = index & 0xff;
    sparse[3 + i * 3] = r;
    counts[r] = (counts[r] as number) + 1;
    registers[index] = 0;
  }
  return { bytes: sparse, estimate: { value: Math.round(estimateFromHistogram(counts)), exact: false } };
}

/**
 * The union of stored sketches in stored form with its estimate — ReachSketch.union(stored)'s toBytes()
 * and estimate(), byte for byte — sorting the hashes of explicit inputs together instead of adding
 * them to a growing set one by one (a week cell from its seven days' cells).
 */
export function unionOfStored(stored: readonly Uint8Array[]): EncodedSketch {
  let hashes = 0;
  for (const bytes of stored) {
    if (bytes.length === 0) continue;
    if (bytes[0] !== TYPE_EXPLICIT || (bytes.length - 1) % 8 !== 0) {
      const union = ReachSketch.union(stored);
      return { bytes: union.isEmpty ? null : union.toBytes(), estimate: union.estimate() };
    }
    hashes += (bytes.length - 1) >>> 3;
  }
  const all = new BigUint64Array(hashes);
  const { words, hi, lo } = hashWords(all);
  let i = 0;
  for (const bytes of stored) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let offset = 1; offset < bytes.length; offset += 8, i++) {
      words[2 * i + hi] = view.getUint32(offset);
      words[2 * i + lo] = view.getUint32(offset + 4);
    }
  }
  return sketchOfHashes(all);
}
