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

/**
 * `memberHash` for one request's many rows: the same HMAC (RFC 2104), computed from the key's
 * inner and outer pads prepared once (two one-shot hashes instead of a new Hmac object per row:
 * 10–19 µs instead of 17–25 on the development machine), and remembered for ids the request
 * repeats (a member's several events). Lives only as long as the request: no member id outlives
 * it in memory, and the memo never holds more than MEMBER_MEMO_LIMIT ids.
 */
export class MemberHasher {
  private readonly innerPad: Buffer;
  private readonly outerPad: Buffer;
  private readonly memo = new Map<string, string>();

  constructor(secret: Buffer) {
    const key = secret.length > SHA256_BLOCK ? createHash('sha256').update(secret).digest() : secret;
    this.innerPad = Buffer.alloc(SHA256_BLOCK, 0x36);
    this.outerPad = Buffer.alloc(SHA256_BLOCK, 0x5c);
    for (let i = 0; i < key.length; i++) {
      this.innerPad[i] = (this.innerPad[i] as number) ^ (key[i] as number);
      this.outerPad[i] = (this.outerPad[i] as number) ^ (key[i] as number);
    }
  }

  hash(memberId: string): string {
    const known = this.memo.get(memberId);
    if (known !== undefined) return known;
    const inner = hash('sha256', Buffer.concat([this.innerPad, Buffer.from(memberId, 'utf8')]), 'buffer');
    const value = hash('sha256', Buffer.concat([this.outerPad, inner]), 'buffer')
      .readBigInt64BE(0)
      .toString();
    if (this.memo.size >= MEMBER_MEMO_LIMIT) this.memo.clear();
    this.memo.set(memberId, value);
    return value;
  }
}
