/**
 * A sorted set of distinct 32-bit member keys in about (2 + log2(2^32 / n)) bits a key instead of 32: the
 * Elias–Fano code (Elias 1974, Fano 1971), as in search engines' posting lists. Each key is split into
 * its low L = ⌊log2(2^32 / n)⌋ bits, stored as they are, and its high part, which over n sorted keys
 * rises by about 1 a key and is stored as the unary differences (that many 0-bits, then a 1). Lossless:
 * 2,048 keys take 5.9 KB instead of 8 KB, 300 keys 0.9 KB instead of 1.2 KB.
 *
 * Layout (big-endian, bit streams most significant bit first):
 *   byte 0      the form's type byte (given by the caller)
 *   bytes 1–2   n, the number of keys (1 to 65,535)
 *   byte 3      L, the low bits per key (0 to 32)
 *   then        n × L bits: the keys' low bits, in key order
 *   then        the high parts: per key, (its high part − the previous key's) 0-bits and a 1-bit
 *   then        0-bits to the end of the last byte
 */

export const PACKED_HEADER_BYTES = 4;
const MAX_KEYS = 0xffff;

/** Low bits per key for n keys spread over 2^32 values: the high parts then rise by 1–2 a key. */
function lowBitsFor(n: number): number {
  return Math.max(0, Math.min(32, Math.floor(Math.log2(2 ** 32 / n))));
}

/** The packed form's length for sorted distinct keys (Infinity when there are none or too many). */
export function packedLength(keys: Uint32Array): number {
  const n = keys.length;
  if (n === 0 || n > MAX_KEYS) return Infinity;
  const low = lowBitsFor(n);
  const highest = Math.floor((keys[n - 1] as number) / 2 ** low);
  return PACKED_HEADER_BYTES + Math.ceil((n * (low + 1) + highest) / 8);
}

/** Writes bits most significant first; at most 16 at a time (the pending bits stay under 24). */
class BitWriter {
  private pending = 0;
  private bits = 0;

  constructor(
    private readonly out: Uint8Array,
    private offset: number,
  ) {}

  write(value: number, count: number): void {
    if (count > 16) {
      this.write16(Math.floor(value / 65536), count - 16);
      this.write16(value & 0xffff, 16);
    } else this.write16(value, count);
  }

  /** `zeros` 0-bits, then a 1-bit. */
  writeUnary(zeros: number): void {
    for (; zeros >= 16; zeros -= 16) this.write16(0, 16);
    this.write16(1, zeros + 1);
  }

  flush(): void {
    if (this.bits > 0) this.out[this.offset++] = (this.pending << (8 - this.bits)) & 0xff;
    this.bits = 0;
  }

  private write16(value: number, count: number): void {
    this.pending = (this.pending << count) | value;
    this.bits += count;
    while (this.bits >= 8) {
      this.bits -= 8;
      this.out[this.offset++] = (this.pending >>> this.bits) & 0xff;
    }
    this.pending &= (1 << this.bits) - 1;
  }
}

/** Sorted distinct keys in the packed form, `type` as its first byte; packedLength(keys) bytes. */
export function packKeys(keys: Uint32Array, type: number): Uint8Array {
  const n = keys.length;
  const length = packedLength(keys);
  if (!Number.isFinite(length)) throw new RangeError(`can pack 1 to ${MAX_KEYS} keys, got ${n}`);
  const low = lowBitsFor(n);
  const scale = 2 ** low;
  const out = new Uint8Array(length);
  out[0] = type;
  out[1] = n >>> 8;
  out[2] = n & 0xff;
  out[3] = low;
  const writer = new BitWriter(out, PACKED_HEADER_BYTES);
  for (let i = 0; i < n; i++) {
    if (i > 0 && (keys[i] as number) <= (keys[i - 1] as number))
      throw new RangeError('packed keys must be sorted and distinct');
    writer.write((keys[i] as number) % scale, low);
  }
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const high = Math.floor((keys[i] as number) / scale);
    writer.writeUnary(high - previous);
    previous = high;
  }
  writer.flush();
  return out;
}

/** The number of keys packed bytes hold, or -1 when the bytes are too short to be the packed form. */
export function packedCount(bytes: Uint8Array): number {
  if (bytes.length < PACKED_HEADER_BYTES + 1) return -1;
  const n = ((bytes[1] as number) << 8) | (bytes[2] as number);
  const low = bytes[3] as number;
  if (n === 0 || low > 32 || bytes.length < PACKED_HEADER_BYTES + Math.ceil((n * (low + 1)) / 8)) return -1;
  return n;
}

/** `count` (≤ 16) bits at bit `position` (past the end reads as 0). */
function bitsAt(bytes: Uint8Array, position: number, count: number): number {
  const p = position >>> 3;
  const window = ((bytes[p] ?? 0) << 16) | ((bytes[p + 1] ?? 0) << 8) | (bytes[p + 2] ?? 0);
  return (window >>> (24 - (position & 7) - count)) & ((1 << count) - 1);
}

/**
 * Writes the keys of packed bytes into `out` from index `at` (room for packedCount(bytes) of them) and
 * returns how many; throws when the bytes are not the packed form.
 */
export function unpackKeys(bytes: Uint8Array, out: Uint32Array, at: number): number {
  const n = packedCount(bytes);
  if (n < 0) throw new Error('not a reach sketch');
  const low = bytes[3] as number;
  const scale = 2 ** low;
  const end = bytes.length * 8;
  let lowAt = PACKED_HEADER_BYTES * 8;
  let highAt = lowAt + n * low;
  let high = 0;
  for (let i = 0; i < n; i++) {
    // The next 1-bit of the high parts: whole bytes of 0-bits skipped at once.
    for (;;) {
      if (highAt >= end) throw new Error('not a reach sketch');
      const rest = ((bytes[highAt >>> 3] as number) << (highAt & 7)) & 0xff;
      if (rest === 0) {
        high += 8 - (highAt & 7);
        highAt = (highAt | 7) + 1;
        continue;
      }
      const zeros = Math.clz32(rest) - 24;
      high += zeros;
      highAt += zeros + 1;
      break;
    }
    let value: number;
    if (low > 16) {
      value = bitsAt(bytes, lowAt, low - 16) * 65536 + bitsAt(bytes, lowAt + low - 16, 16);
    } else value = bitsAt(bytes, lowAt, low);
    lowAt += low;
    const key = high * scale + value;
    if (key > 0xffffffff) throw new Error('not a reach sketch');
    out[at + i] = key;
  }
  return n;
}
