import { createHash, createHmac, hash } from 'node:crypto';
import { SHA256 } from '@noble/hashes/sha2.js';

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
/** The longest id (UTF-8 bytes) whose inner hash is one block: the id, 0x80, and the 8-byte length. */
const ONE_BLOCK_ID_BYTES = SHA256_BLOCK - 9;
const SHA256_IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/** @noble/hashes' SHA-256 with its compression function and state, which its types keep protected. */
interface Sha256State {
  A: number;
  B: number;
  C: number;
  D: number;
  E: number;
  F: number;
  G: number;
  H: number;
  set(...words: number[]): void;
  get(): number[];
  process(view: DataView, offset: number): void;
}

/**
 * `memberHash` for one request's many rows: the same HMAC (RFC 2104), from the key's inner and outer
 * pads hashed once (their SHA-256 states, the "midstates"), so that a member id of up to 55 UTF-8 bytes
 * — every id seen so far — costs two compressions of one block each, written in place (@noble/hashes'
 * SHA-256 compression: a third of the time of two of Node's one-shot hashes per id, which each set up
 * a native hash). Longer ids are hashed with Node's crypto. Ids the request repeats (a member's several
 * events) are remembered. Lives only as long as the request: no member id outlives it in memory, and
 * the memo never holds more than MEMBER_MEMO_LIMIT ids.
 */
export class MemberHasher {
  private readonly sha = new SHA256() as unknown as Sha256State;
  /** The states after the key's inner and outer pad. */
  private readonly innerState: number[];
  private readonly outerState: number[];
  /** The inner hash's one block: the id, padding, length. */
  private readonly block = new Uint8Array(SHA256_BLOCK);
  private readonly blockView = new DataView(this.block.buffer);
  /** The outer hash's one block: the inner digest, padding, length. */
  private readonly outerBlock = new Uint8Array(SHA256_BLOCK);
  private readonly outerView = new DataView(this.outerBlock.buffer);
  private readonly encoder = new TextEncoder();
  /** For ids longer than one block: the key's pads, for Node's crypto. */
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
    const stateAfter = (pad: Buffer): number[] => {
      this.sha.set(...SHA256_IV);
      this.sha.process(new DataView(pad.buffer, pad.byteOffset, SHA256_BLOCK), 0);
      return this.sha.get();
    };
    this.innerState = stateAfter(this.innerPad);
    this.outerState = stateAfter(this.outerPad);
    this.outerBlock[SHA256_BYTES] = 0x80;
    this.outerView.setUint32(SHA256_BLOCK - 4, (SHA256_BLOCK + SHA256_BYTES) * 8);
  }

  hash(memberId: string): string {
    const known = this.memo.get(memberId);
    if (known !== undefined) return known;
    const value = this.compute(memberId);
    if (this.memo.size >= MEMBER_MEMO_LIMIT) this.memo.clear();
    this.memo.set(memberId, value);
    return value;
  }

  private compute(memberId: string): string {
    if (memberId.length > ONE_BLOCK_ID_BYTES) return this.computeLong(memberId);
    const block = this.block;
    block.fill(0);
    const { read, written } = this.encoder.encodeInto(memberId, block);
    // Multi-byte characters past one block's room: hashed by Node instead.
    if (read < memberId.length || written > ONE_BLOCK_ID_BYTES) return this.computeLong(memberId);
    block[written] = 0x80;
    this.blockView.setUint32(SHA256_BLOCK - 4, (SHA256_BLOCK + written) * 8);
    const sha = this.sha;
    const i = this.innerState;
    sha.set(
      i[0] as number,
      i[1] as number,
      i[2] as number,
      i[3] as number,
      i[4] as number,
      i[5] as number,
      i[6] as number,
      i[7] as number,
    );
    sha.process(this.blockView, 0);
    const out = this.outerView;
    out.setInt32(0, sha.A);
    out.setInt32(4, sha.B);
    out.setInt32(8, sha.C);
    out.setInt32(12, sha.D);
    out.setInt32(16, sha.E);
    out.setInt32(20, sha.F);
    out.setInt32(24, sha.G);
    out.setInt32(28, sha.H);
    const o = this.outerState;
    sha.set(
      o[0] as number,
      o[1] as number,
      o[2] as number,
      o[3] as number,
      o[4] as number,
      o[5] as number,
      o[6] as number,
      o[7] as number,
    );
    sha.process(out, 0);
    // The digest's first 8 bytes as a signed 64-bit integer (memberHash's readBigInt64BE).
    return BigInt.asIntN(64, (BigInt(sha.A) << 32n) | BigInt(sha.B >>> 0)).toString();
  }

  private computeLong(memberId: string): string {
    const inner = hash('sha256', Buffer.concat([this.innerPad, Buffer.from(memberId, 'utf8')]), 'buffer');
    return hash('sha256', Buffer.concat([this.outerPad, inner]), 'buffer')
      .readBigInt64BE(0)
      .toString();
  }
}
