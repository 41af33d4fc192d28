import { packKeys, packedCount, packedLength, unpackKeys } from './packed-keys.js';

/**
 * Reach (distinct people) as a mergeable sketch, so that reach over any window, segment or set of
 * creatives is the union of small stored pieces instead of a distinct count over every member.
 *
 * Three stored representations, as in postgresql-hll and HyperLogLog++:
 * - explicit: the members themselves, up to SKETCH_EXPLICIT_LIMIT of them, each as the top 32 bits of
 *   its hash (its key), sorted and packed (packed-keys.ts: about 23 bits a key at the limit, 28 at 100
 *   people; a handful of keys are stored as plain 4-byte values, where packing saves nothing). Sketches
 *   written before December 2026 hold all 64 bits, 8 bytes, and are read as their top 32. Counting is exact but for two people whose hashes share their top 32 bits: among
 *   the 2,048 people an explicit sketch holds at most, the chance that any two do is 1 in 2,000
 *   (k²/2³³), and then the count is one low — a thousandth of the 1% error the cube allows;
 * - sparse: the non-zero registers of the HyperLogLog below, in index order, 2 bytes each (10 bits of
 *   gap from the previous one, 6 of value; sketches written before December 2026 hold (index, value)
 *   pairs of 3 bytes), while that is smaller than the dense form;
 * - dense: a HyperLogLog of 2^16 one-byte registers (Flajolet et al. 2007). Relative standard error
 *   1.04/√m = 0.41%, estimated with Ertl's improved raw estimator (Ertl 2017, "New cardinality
 *   estimation algorithms for HyperLogLog sketches", Algorithm 6), which needs no empirical bias
 *   tables and is unbiased from small to very large counts.
 * A union stays exact while it holds at most SKETCH_EXPLICIT_LIMIT people; beyond, it is an estimate.
 *
 * Input hashes are the keyed member hashes (HMAC, uniformly distributed 64 bits), so no further
 * hashing is needed. A sketch keeps a member's top 32 bits (its key): the top 16 choose the register,
 * the position of the first 1-bit in the next 16 is the register's candidate value (17 when all 16 are
 * zero, 1 time in 65,536). Registers written from full 64-bit hashes before December 2026 (values up
 * to 49) merge with these unchanged. The cap at 17 is immaterial at the reach of an organisation: at
 * 10 million people about 150 of the 65,536 registers reach it, moving the estimate by a few parts in a
 * million; it would start to matter towards 10^8 people and more.
 */

export const SKETCH_PRECISION = 16;
export const SKETCH_REGISTERS = 1 << SKETCH_PRECISION;
/** Largest union counted exactly. */
export const SKETCH_EXPLICIT_LIMIT = 2048;
/** Relative standard error of a dense sketch's estimate (1.04/√m, Flajolet et al. 2007). */
export const SKETCH_RELATIVE_STANDARD_ERROR = 1.04 / Math.sqrt(SKETCH_REGISTERS);

/** Largest register value the estimator allows for (registers written from 64-bit hashes: 48 bits + 1). */
const Q = 64 - SKETCH_PRECISION;
const RANK_BITS = 32 - SKETCH_PRECISION; // 16: the bits of a key after its register index
const RANK_MASK = (1 << RANK_BITS) - 1;
/** Explicit, 8 bytes per member: written before December 2026, and by live-days' SQL (int8send). */
const TYPE_EXPLICIT = 1;
const TYPE_DENSE = 2;
/** Sparse, 3 bytes per register (2-byte index, value): written before December 2026. */
const TYPE_SPARSE = 3;
/** Explicit, 4 bytes per member: the top 32 bits of each hash, sorted. */
const TYPE_EXPLICIT32 = 4;
/** Sparse, 2 bytes per register (sparseBytes). */
const TYPE_SPARSE16 = 5;
/** Explicit, the keys packed (packed-keys.ts): about 23 bits a key at the explicit limit instead of 32. */
const TYPE_EXPLICIT_PACKED = 6;
/** A sparse entry's gap field: 10 bits. An entry with value 0 (no register holds 0) only skips this many. */
const SPARSE_MAX_GAP = (1 << 10) - 1;
const ALPHA_INF = 1 / (2 * Math.LN2);

export interface ReachEstimate {
  value: number;
  /** True when the figure is an exact count (the union held at most SKETCH_EXPLICIT_LIMIT people). */
  exact: boolean;
}

function registerOf(key: number): number {
  return key >>> RANK_BITS;
}

/** 1 + the number of leading zeros in the 16 bits after the register index (17 when all are zero). */
function rankOf(key: number): number {
  const rest = key & RANK_MASK;
  return rest !== 0 ? Math.clz32(rest) - SKETCH_PRECISION + 1 : RANK_BITS + 1;
}

/** The members a stored explicit sketch of any form holds, or -1 when the bytes are not an explicit sketch. */
function explicitSize(bytes: Uint8Array): number {
  if (bytes[0] === TYPE_EXPLICIT_PACKED) return packedCount(bytes);
  if (bytes[0] === TYPE_EXPLICIT32 && (bytes.length - 1) % 4 === 0) return (bytes.length - 1) / 4;
  if (bytes[0] === TYPE_EXPLICIT && (bytes.length - 1) % 8 === 0) return (bytes.length - 1) / 8;
  return -1;
}

/**
 * Writes the keys (top 32 bits) of a stored explicit sketch of any form into `out` from index `at` (room
 * for explicitSize(bytes) of them), in order, and returns how many.
 */
function readKeys(bytes: Uint8Array, out: Uint32Array, at: number): number {
  if (bytes[0] === TYPE_EXPLICIT_PACKED) return unpackKeys(bytes, out, at);
  const size = explicitSize(bytes);
  if (size < 0) throw new Error('not a reach sketch');
  const width = (bytes.length - 1) / Math.max(size, 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < size; i++) out[at + i] = view.getUint32(1 + i * width);
  return size;
}

/** A reused array of at least `size` entries (one per caller: the readers below run synchronously). */
function scratchKeys(scratch: { keys: Uint32Array }, size: number): Uint32Array {
  if (scratch.keys.length < size) scratch.keys = new Uint32Array(Math.max(size, scratch.keys.length * 2));
  return scratch.keys;
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
 * The explicit form's set of member keys: open addressing over 32-bit keys. The keys are uniformly
 * distributed already, so their low bits (mixed with the high ones) are the slot. Grows by doubling at
 * half full.
 */
class KeySet {
  private keys: Uint32Array;
  private used: Uint8Array;
  size = 0;

  /** Room for `expected` keys without growing (slots: a power of two, at least twice as many). */
  constructor(expected = 8) {
    let slots = 16;
    while (slots < expected * 2 + 2) slots *= 2;
    this.keys = new Uint32Array(slots);
    this.used = new Uint8Array(slots);
  }

  add(key: number): void {
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    for (let i = (key ^ (key >>> 16)) & mask; ; i = (i + 1) & mask) {
      if (this.used[i] === 0) {
        this.used[i] = 1;
        this.keys[i] = key;
        this.size++;
        return;
      }
      if (this.keys[i] === key) return;
    }
  }

  /** Empty again, with room for `expected` keys (a reused set: no allocation when it already has it). */
  reset(expected: number): void {
    if (this.used.length < expected * 2 + 2) {
      const fresh = new KeySet(expected);
      [this.keys, this.used] = [fresh.keys, fresh.used];
    } else this.used.fill(0);
    this.size = 0;
  }

  /** The keys, sorted. */
  sorted(): Uint32Array {
    const out = new Uint32Array(this.size);
    let n = 0;
    for (let i = 0; i < this.used.length; i++) if (this.used[i] === 1) out[n++] = this.keys[i] as number;
    return out.sort();
  }

  forEach(fn: (key: number) => void): void {
    for (let i = 0; i < this.used.length; i++) if (this.used[i] === 1) fn(this.keys[i] as number);
  }

  private grow(): void {
    const { keys, used } = this;
    this.keys = new Uint32Array(used.length * 2);
    this.used = new Uint8Array(used.length * 2);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i] === 1) this.add(keys[i] as number);
  }
}

/** The set estimateUnion counts in (one at a time: it runs synchronously). */
const SCRATCH = new KeySet();
/** The registers estimateUnion raises past the explicit limit, and which it touched (all zero again after). */
const SCRATCH_REGISTERS = new Uint8Array(SKETCH_REGISTERS);
const SCRATCH_TOUCHED = new Int32Array(SKETCH_REGISTERS);
/** The keys of a union's explicit inputs, as estimateUnion reads them (each input decoded once). */
const UNION_KEYS = { keys: new Uint32Array(SKETCH_EXPLICIT_LIMIT) };

/**
 * Raises `registers` by the first `count` member keys, appending each register set for the first time to
 * `touchedAt` (which holds `touched` already); returns the new number touched. A loop, not a callback: it
 * runs for every member of every group read and every cell built.
 */
function raiseKeys(
  keys: Uint32Array,
  count: number,
  registers: Uint8Array,
  touchedAt: Int32Array,
  touched: number,
): number {
  for (let i = 0; i < count; i++) {
    const key = keys[i] as number;
    const index = registerOf(key);
    const rank = rankOf(key);
    const current = registers[index] as number;
    if (current === 0) touchedAt[touched++] = index;
    if (rank > current) registers[index] = rank;
  }
  return touched;
}

/** How many of SCRATCH_REGISTERS raiseRegisters has set (SCRATCH_TOUCHED[0 … raised − 1] says which). */
let raised = 0;

/**
 * Raises, in SCRATCH_REGISTERS, the HyperLogLog registers of a union of sketches — the registers
 * union() would build, so the same estimate — touching only those registers: the work grows with the
 * inputs (a few thousand members or registers for a breakdown group over a month), not with the 2^16
 * registers a dense sketch allocates, fills and scans per group. The explicit inputs' keys come decoded
 * (`keys`, the first `count`); their bytes in `stored` are skipped. Returns how many registers are set: at
 * most the number of distinct people (each set register needs one of its own). settleRegisters must
 * follow (it estimates and clears); on a broken input the registers are cleared and the error thrown.
 */
function raiseRegisters(keys: Uint32Array, count: number, stored: readonly Uint8Array[]): number {
  const registers = SCRATCH_REGISTERS;
  const touchedAt = SCRATCH_TOUCHED;
  let touched = 0;
  try {
    touched = raiseKeys(keys, count, registers, touchedAt, touched);
    // Loops written out, not callbacks: this runs for every register of every group.
    for (const bytes of stored) {
      if (bytes.length === 0 || explicitSize(bytes) >= 0) continue;
      if (bytes[0] === TYPE_SPARSE16 && (bytes.length - 1) % 2 === 0) {
        let previous = -1;
        for (let offset = 1; offset < bytes.length; offset += 2) {
          const low = bytes[offset + 1] as number;
          const gap = ((bytes[offset] as number) << 2) | (low >>> 6);
          const rank = low & 63;
          if (rank === 0) {
            previous += gap;
            continue;
          }
          const index = previous + 1 + gap;
          if (index >= SKETCH_REGISTERS) throw new Error('not a reach sketch');
          const current = registers[index] as number;
          if (current === 0) touchedAt[touched++] = index;
          if (rank > current) registers[index] = rank;
          previous = index;
        }
      } else if (bytes[0] === TYPE_DENSE) {
        if (bytes.length !== 1 + SKETCH_REGISTERS)
          throw new Error(`dense sketch must be ${1 + SKETCH_REGISTERS} bytes, got ${bytes.length}`);
        for (let index = 0; index < SKETCH_REGISTERS; index++) {
          const rank = bytes[index + 1] as number;
          if (rank === 0) continue;
          const current = registers[index] as number;
          if (current === 0) touchedAt[touched++] = index;
          if (rank > current) registers[index] = rank;
        }
      } else {
        forEachSparseRegister(bytes, (index, rank) => {
          const current = registers[index] as number;
          if (current === 0) touchedAt[touched++] = index;
          if (rank > current) registers[index] = rank;
        });
      }
    }
  } catch (error) {
    raised = touched;
    settleRegisters();
    throw error;
  }
  raised = touched;
  return touched;
}

/** The estimate of the registers raiseRegisters set, which are then cleared (all zero again). */
function settleRegisters(): number {
  const registers = SCRATCH_REGISTERS;
  const touchedAt = SCRATCH_TOUCHED;
  const touched = raised;
  raised = 0;
  try {
    const counts = new Array<number>(Q + 2).fill(0);
    counts[0] = SKETCH_REGISTERS - touched;
    for (let i = 0; i < touched; i++) {
      const r = registers[touchedAt[i] as number] as number;
      counts[r] = (counts[r] as number) + 1;
    }
    return estimateFromHistogram(counts);
  } finally {
    for (let i = 0; i < touched; i++) registers[touchedAt[i] as number] = 0;
  }
}

/** The stored form of HyperLogLog registers: sparse while that is smaller, else dense. */
function registersToBytes(registers: Uint8Array): Uint8Array {
  let nonZero = 0;
  for (let i = 0; i < SKETCH_REGISTERS; i++) if (registers[i] !== 0) nonZero++;
  const indexes = new Int32Array(nonZero);
  let n = 0;
  for (let i = 0; i < SKETCH_REGISTERS; i++) if (registers[i] !== 0) indexes[n++] = i;
  return sparseBytes(indexes, registers) ?? denseBytes(registers);
}

function denseBytes(registers: Uint8Array): Uint8Array {
  const out = new Uint8Array(1 + SKETCH_REGISTERS);
  out[0] = TYPE_DENSE;
  out.set(registers, 1);
  return out;
}

/**
 * The sparse form of the registers at `indexes` (ascending, each non-zero), or null when it would not
 * be smaller than the dense form. Each register is 2 bytes, big-endian: 10 bits of gap (registers
 * skipped since the previous one) and 6 bits of value (values reach 49 at most). A gap past 1,023 —
 * only in sketches of a few hundred registers, since past the explicit limit registers are 32 apart on
 * average — is bridged by entries of value 0, which advance 1,023 registers and set none.
 */
function sparseBytes(indexes: Int32Array, registers: Uint8Array): Uint8Array | null {
  let entries = 0;
  let previous = -1;
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i] as number;
    entries += 1 + Math.floor((index - previous - 1) / SPARSE_MAX_GAP);
    previous = index;
  }
  if (1 + entries * 2 >= 1 + SKETCH_REGISTERS) return null;
  const out = new Uint8Array(1 + entries * 2);
  out[0] = TYPE_SPARSE16;
  let offset = 1;
  previous = -1;
  for (let i = 0; i < indexes.length; i++) {
    const index = indexes[i] as number;
    let gap = index - previous - 1;
    for (; gap >= SPARSE_MAX_GAP; gap -= SPARSE_MAX_GAP, offset += 2) {
      out[offset] = SPARSE_MAX_GAP >>> 2;
      out[offset + 1] = (SPARSE_MAX_GAP & 3) << 6;
    }
    const value = registers[index] as number;
    out[offset] = gap >>> 2;
    out[offset + 1] = ((gap & 3) << 6) | value;
    offset += 2;
    previous = index;
  }
  return out;
}

/** Calls `fn` with each register of a stored sparse sketch (either sparse form); throws when the bytes are not one. */
function forEachSparseRegister(bytes: Uint8Array, fn: (index: number, value: number) => void): void {
  if (bytes[0] === TYPE_SPARSE) {
    if ((bytes.length - 1) % 3 !== 0) throw new Error('not a reach sketch');
    for (let offset = 1; offset < bytes.length; offset += 3)
      fn(((bytes[offset] as number) << 8) | (bytes[offset + 1] as number), bytes[offset + 2] as number);
    return;
  }
  if (bytes[0] !== TYPE_SPARSE16 || (bytes.length - 1) % 2 !== 0) throw new Error('not a reach sketch');
  let previous = -1;
  for (let offset = 1; offset < bytes.length; offset += 2) {
    const high = bytes[offset] as number;
    const low = bytes[offset + 1] as number;
    const gap = (high << 2) | (low >>> 6);
    const r = low & 63;
    if (r === 0) {
      previous += gap;
      continue;
    }
    const index = previous + 1 + gap;
    if (index >= SKETCH_REGISTERS) throw new Error('not a reach sketch');
    fn(index, r);
    previous = index;
  }
}

function isSparse(bytes: Uint8Array): boolean {
  return bytes[0] === TYPE_SPARSE || bytes[0] === TYPE_SPARSE16;
}

export class ReachSketch {
  /** Exact member keys while small; null once dense. */
  private explicit: KeySet | null = new KeySet();
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

  /** Adds one member hash; a sketch keeps its top 32 bits (`hi`). */
  addPrepared(hash: PreparedHash): void {
    this.addKey(hash.hi);
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
    if (isSparse(bytes)) {
      if (this.explicit) this.densify();
      const registers = this.registers as Uint8Array;
      forEachSparseRegister(bytes, (index, r) => {
        if (r > (registers[index] as number)) registers[index] = r;
      });
      return;
    }
    const size = explicitSize(bytes);
    if (size < 0) throw new Error('not a reach sketch');
    const keys = new Uint32Array(size);
    readKeys(bytes, keys, 0);
    for (let i = 0; i < size; i++) this.addKey(keys[i] as number);
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
   * Storage form: a type byte, then the sorted member keys, packed or 4 bytes each (explicit), (2-byte index, 1-byte value)
   * per non-zero register (sparse), or all 2^16 registers (dense) — whichever applies and is smaller.
   */
  toBytes(): Uint8Array {
    if (this.registers) return registersToBytes(this.registers);
    return explicitBytes(this.explicit?.sorted() ?? new Uint32Array(0));
  }

  /**
   * The union of stored sketches, as merging each with mergeBytes gives, with the explicit set sized
   * once for the members the inputs hold (up to the explicit limit) instead of doubling as they arrive:
   * a group's reach over many small day or week cells is the common case on the read path.
   */
  static union(stored: Iterable<Uint8Array>): ReachSketch {
    const list = [...stored].filter((bytes) => bytes.length > 0);
    const sketch = new ReachSketch();
    let members = 0;
    for (const bytes of list) {
      const size = explicitSize(bytes);
      if (size >= 0) members += size;
      else members = Infinity; // a sparse or dense input: the union is dense
    }
    if (members === Infinity) sketch.densify();
    else if (members > 8) sketch.explicit = new KeySet(Math.min(members, SKETCH_EXPLICIT_LIMIT + 1));
    for (const bytes of list) sketch.mergeBytes(bytes);
    return sketch;
  }

  /**
   * The estimate of the union of stored sketches — union(stored).estimate() — without building a sketch
   * (the usual read of a group's day and week cells): explicit inputs' members are counted in one reused
   * set while the union can stay within the explicit limit; past it, or with a sparse or dense input
   * (which holds more than the limit already), the estimate comes from the registers the inputs raise
   * alone (raiseRegisters), so a breakdown of 800 groups allocates no per-group arrays. When the inputs
   * raise more registers than the limit, the union holds more people than that, and the set is not
   * filled at all. Inputs are stored sketches, or explicit ones already decoded by readyForUnion (a
   * reader's cache keeps them so).
   */
  static estimateUnion(stored: readonly ReachInput[]): ReachEstimate {
    let members = 0;
    let registersOnly = false;
    const bytesOnly: Uint8Array[] = [];
    for (const input of stored) {
      if (input instanceof Uint32Array) {
        members += input.length;
        continue;
      }
      if (input.length === 0) continue;
      bytesOnly.push(input);
      const size = explicitSize(input);
      if (size >= 0) members += size;
      else registersOnly = true; // sparse or dense: more people than the explicit limit
    }
    // Every explicit input's keys, decoded once (packed inputs cost their decoding only here).
    const keys = scratchKeys(UNION_KEYS, members);
    let count = 0;
    for (const input of stored) {
      if (input instanceof Uint32Array) {
        keys.set(input, count);
        count += input.length;
      } else if (input.length > 0 && explicitSize(input) >= 0) count += readKeys(input, keys, count);
    }
    let estimate: number | null = null;
    if (registersOnly || count > SKETCH_EXPLICIT_LIMIT) {
      const touched = raiseRegisters(keys, count, bytesOnly);
      estimate = Math.round(settleRegisters());
      if (registersOnly || touched > SKETCH_EXPLICIT_LIMIT) return { value: estimate, exact: false };
    }
    const set = SCRATCH;
    set.reset(Math.min(count, SKETCH_EXPLICIT_LIMIT + 1));
    for (let i = 0; i < count; i++) {
      set.add(keys[i] as number);
      if (set.size > SKETCH_EXPLICIT_LIMIT) return { value: estimate as number, exact: false };
    }
    return { value: set.size, exact: true };
  }

  static fromBytes(bytes: Uint8Array): ReachSketch {
    const sketch = new ReachSketch();
    sketch.mergeBytes(bytes);
    return sketch;
  }

  private addKey(key: number): void {
    if (this.explicit) {
      this.explicit.add(key);
      if (this.explicit.size > SKETCH_EXPLICIT_LIMIT) this.densify();
      return;
    }
    this.addToRegisters(key);
  }

  private densify(): void {
    this.registers = new Uint8Array(SKETCH_REGISTERS);
    const values = this.explicit;
    this.explicit = null;
    values?.forEach((key) => this.addToRegisters(key));
  }

  private addToRegisters(key: number): void {
    const registers = this.registers as Uint8Array;
    const index = registerOf(key);
    const rank = rankOf(key);
    if (rank > (registers[index] as number)) registers[index] = rank;
  }
}

/** The explicit storage form of sorted, distinct member keys: packed where that is smaller (all but a few keys). */
function explicitBytes(keys: Uint32Array): Uint8Array {
  if (packedLength(keys) < 1 + keys.length * 4) return packKeys(keys, TYPE_EXPLICIT_PACKED);
  const out = new Uint8Array(1 + keys.length * 4);
  out[0] = TYPE_EXPLICIT32;
  const view = new DataView(out.buffer);
  for (let i = 0; i < keys.length; i++) view.setUint32(1 + i * 4, keys[i] as number);
  return out;
}

/**
 * A sketch as ReachSketch.estimateUnion takes it: its stored bytes, or for an explicit sketch its members'
 * keys (sorted, distinct) as readyForUnion decodes them once.
 */
export type ReachInput = Uint8Array | Uint32Array;

/**
 * A stored sketch ready for many unions: an explicit one's keys decoded (4 bytes a member in memory,
 * read without decoding again), any other form as it is. For a reader that keeps sketches across
 * requests: a group's reach reads the same day and week cells each time it is asked.
 */
export function readyForUnion(bytes: Uint8Array): ReachInput {
  const size = explicitSize(bytes);
  if (size < 0) return bytes;
  const keys = new Uint32Array(size);
  readKeys(bytes, keys, 0);
  return keys;
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
 * allowed) is left as it was.
 */
export function sketchOfHashes(hashes: BigUint64Array): EncodedSketch {
  const { words, hi } = hashWords(hashes);
  const keys = new Uint32Array(hashes.length);
  for (let i = 0; i < keys.length; i++) keys[i] = words[2 * i + hi] as number;
  return sketchOfKeys(keys);
}

/**
 * The sketch of member keys — the top 32 bits of their hashes, all a sketch keeps of a member; repeats
 * allowed — as sketchOfHashes gives it. `keys` is sorted and overwritten in place (its first entries
 * become the distinct keys): explicit sketches are the distinct keys in order, so no set is grown per
 * cell, and keys that arrive sorted (a day's cells, gathered in hash order) sort at little cost.
 */
export function sketchOfKeys(keys: Uint32Array): EncodedSketch {
  keys.sort();
  const n = keys.length;
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[i - 1]) keys[distinct++] = keys[i] as number;
  if (distinct === 0) return { bytes: null, estimate: { value: 0, exact: true } };
  if (distinct <= SKETCH_EXPLICIT_LIMIT)
    return { bytes: explicitBytes(keys.subarray(0, distinct)), estimate: { value: distinct, exact: true } };
  // The registers the keys raise, and which they touch: a sparse sketch (most cells past the explicit
  // limit) is written, estimated and cleared from those alone, not from all 2^16 registers.
  const registers = BUILD_REGISTERS;
  const touched = raiseKeys(keys, distinct, registers, BUILD_TOUCHED, 0);
  const indexes = BUILD_TOUCHED.subarray(0, touched).sort();
  const sparse = sparseBytes(indexes, registers);
  if (!sparse) {
    const bytes = denseBytes(registers);
    const value = Math.round(estimateDense(registers));
    registers.fill(0);
    return { bytes, estimate: { value, exact: false } };
  }
  const counts = new Array<number>(Q + 2).fill(0);
  counts[0] = SKETCH_REGISTERS - touched;
  for (let i = 0; i < touched; i++) {
    const index = indexes[i] as number;
    const r = registers[index] as number;
    counts[r] = (counts[r] as number) + 1;
    registers[index] = 0;
  }
  return { bytes: sparse, estimate: { value: Math.round(estimateFromHistogram(counts)), exact: false } };
}

/**
 * The union of stored sketches in stored form with its estimate — ReachSketch.union(stored)'s toBytes()
 * and estimate(), byte for byte — sorting the keys of explicit inputs together instead of adding them
 * to a growing set one by one (a week cell from its seven days' cells).
 */
export function unionOfStored(stored: readonly Uint8Array[]): EncodedSketch {
  let members = 0;
  for (const bytes of stored) {
    if (bytes.length === 0) continue;
    const size = explicitSize(bytes);
    if (size < 0) {
      const union = ReachSketch.union(stored);
      return { bytes: union.isEmpty ? null : union.toBytes(), estimate: union.estimate() };
    }
    members += size;
  }
  const keys = new Uint32Array(members);
  let i = 0;
  for (const bytes of stored) {
    if (bytes.length === 0) continue;
    i += readKeys(bytes, keys, i);
  }
  return sketchOfKeys(keys);
}
