import { createHash, createHmac, hash } from 'node:crypto';

/**
 * The stored form of a member identifier: HMAC-SHA256 under the organisation's secret,
 * truncated to a signed 64-bit integer. A plain hash of an id could be reversed by guessing
 * ids; without the secret, this cannot. 64 bits keep distinct counts fast; at a million
 * members per organisation a collision is about 1 in 36 million.
 */
export function memberHash(secret: Buffer, memberId: string): string {
  return createHmac('sha256', secret).update(memberId, 'utf8').digest().readBigInt64BE(0).toString();
}

/** Members remembered per request; past this the memo starts over (memory stays bounded). */
export const MEMBER_MEMO_LIMIT = 20_000;
const SHA256_BLOCK = 64;
const SHA256_BYTES = 32;
/** Member ids up to this many UTF-8 bytes are written into the prepared pad (ids are at most 256 characters). */
const MAX_INLINE_ID_BYTES = 1024;

/**
 * `memberHash` for one request's many rows: the same HMAC (RFC 2104), computed from the key's
 * inner and outer pads prepared once, with the id and the inner digest written into them in place
 * (two one-shot hashes and no buffer per row instead of a new Hmac object), and remembered for ids the request
 * repeats (a member's several events). Lives only as long as the request: no member id outlives
 * it in memory, and the memo never holds more than MEMBER_MEMO_LIMIT ids.
 */
export class MemberHasher {
  /** The key's inner pad, then room for a member id (written in place: no buffers per row). */
  private readonly inner: Buffer;
  /** The key's outer pad, then the inner digest. */
  private readonly outer: Buffer;
  private readonly memo = new Map<string, string>();

  constructor(secret: Buffer) {
    const key = secret.length > SHA256_BLOCK ? createHash('sha256').update(secret).digest() : secret;
    this.inner = Buffer.alloc(SHA256_BLOCK + MAX_INLINE_ID_BYTES, 0x36);
    this.outer = Buffer.alloc(SHA256_BLOCK + SHA256_BYTES, 0x5c);
    for (let i = 0; i < key.length; i++) {
      this.inner[i] = (this.inner[i] as number) ^ (key[i] as number);
      this.outer[i] = (this.outer[i] as number) ^ (key[i] as number);
    }
  }

  hash(memberId: string): string {
    const known = this.memo.get(memberId);
    if (known !== undefined) return known;
    // A UTF-16 code unit takes at most 3 UTF-8 bytes: a longer id is hashed from a buffer of its own.
    const inner =
      memberId.length * 3 <= MAX_INLINE_ID_BYTES
        ? hash(
            'sha256',
            this.inner.subarray(0, SHA256_BLOCK + this.inner.write(memberId, SHA256_BLOCK, 'utf8')),
            'buffer',
          )
        : hash(
            'sha256',
            Buffer.concat([this.inner.subarray(0, SHA256_BLOCK), Buffer.from(memberId, 'utf8')]),
            'buffer',
          );
    inner.copy(this.outer, SHA256_BLOCK);
    const value = hash('sha256', this.outer, 'buffer').readBigInt64BE(0).toString();
    if (this.memo.size >= MEMBER_MEMO_LIMIT) this.memo.clear();
    this.memo.set(memberId, value);
    return value;
  }
}
