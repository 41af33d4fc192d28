import { createHash } from 'node:crypto';
import { SHA256 } from '@noble/hashes/sha2.js';

const BLOCK = 64;
const DIGEST = 32;
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
/** Messages up to this many UTF-16 units are encoded into the reused buffer (3 UTF-8 bytes each at most). */
const REUSED_MESSAGE_UNITS = 1024;

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
 * Scratch shared by every instance (a digest runs synchronously, start to end): the compression
 * function and its state, the message blocks, and the outer block (the inner digest, padding, length).
 */
const sha = new SHA256() as unknown as Sha256State;
let buffer = new Uint8Array(BLOCK * Math.ceil((REUSED_MESSAGE_UNITS * 3 + 9) / BLOCK));
let view = new DataView(buffer.buffer);
const outer = new DataView(new ArrayBuffer(BLOCK));
outer.setUint8(DIGEST, 0x80);
outer.setUint32(BLOCK - 4, (BLOCK + DIGEST) * 8);
const encoder = new TextEncoder();

/** Grows the message scratch to hold `bytes` and their padding. */
function fit(bytes: number): void {
  const needed = BLOCK * Math.ceil((bytes + 9) / BLOCK);
  if (needed <= buffer.length) return;
  buffer = new Uint8Array(needed);
  view = new DataView(buffer.buffer);
}

/**
 * HMAC-SHA256 (RFC 2104) under one key, for many short messages: the key's inner and outer pads are
 * hashed once (their SHA-256 states, the "midstates"), and each message then costs its own blocks plus
 * one outer block, compressed in place by @noble/hashes' SHA-256 — no objects per message. Node's
 * `createHmac` sets up a native HMAC per message, which cost 3–5 µs apiece where ingest hashes a member
 * per event and a breakdown keys ~14 figures per cell. Gives exactly `createHmac('sha256', key)`'s
 * digest (hmac-sha256.spec.ts). Not for secrets compared in constant time: it hashes, nothing more.
 */
export class HmacSha256 {
  /** The SHA-256 states after the key's inner and outer pad. */
  private readonly innerState: number[];
  private readonly outerState: number[];

  constructor(key: Uint8Array) {
    const k = key.length > BLOCK ? createHash('sha256').update(key).digest() : key;
    const stateAfter = (fill: number): number[] => {
      const pad = new Uint8Array(BLOCK).fill(fill);
      for (let i = 0; i < k.length; i++) pad[i] = (pad[i] as number) ^ (k[i] as number);
      sha.set(...IV);
      sha.process(new DataView(pad.buffer), 0);
      return sha.get();
    };
    this.innerState = stateAfter(0x36);
    this.outerState = stateAfter(0x5c);
  }

  /** The digest's first 4 bytes as an unsigned 32-bit integer (big-endian, as Buffer#readUInt32BE(0)). */
  uint32(message: string): number {
    this.run(message);
    return sha.A >>> 0;
  }

  /** The digest's first 8 bytes as a signed 64-bit integer in decimal (as Buffer#readBigInt64BE(0)). */
  int64(message: string): string {
    this.run(message);
    return BigInt.asIntN(64, (BigInt(sha.A) << 32n) | BigInt(sha.B >>> 0)).toString();
  }

  /** The digest's first 8 bytes written at `offset` of `target` (as `digest(message).copy(target, offset, 0, 8)`). */
  first8Into(message: string, target: Buffer, offset: number): void {
    this.run(message);
    target.writeInt32BE(sha.A | 0, offset);
    target.writeInt32BE(sha.B | 0, offset + 4);
  }

  /** The whole digest. */
  digest(message: string): Buffer {
    this.run(message);
    const out = Buffer.allocUnsafe(DIGEST);
    const words = [sha.A, sha.B, sha.C, sha.D, sha.E, sha.F, sha.G, sha.H];
    for (let i = 0; i < 8; i++) out.writeInt32BE(words[i] as number, i * 4);
    return out;
  }

  /** Leaves the digest in `sha`'s state. */
  private run(message: string): void {
    let bytes: number;
    if (message.length <= REUSED_MESSAGE_UNITS) {
      bytes = encoder.encodeInto(message, buffer).written;
    } else {
      const encoded = Buffer.from(message, 'utf8');
      bytes = encoded.length;
      fit(bytes);
      buffer.set(encoded);
    }
    // Padding: 0x80, zeros, and the bit length of the key block and the message in the last 8 bytes.
    const end = BLOCK * Math.ceil((bytes + 9) / BLOCK);
    buffer[bytes] = 0x80;
    buffer.fill(0, bytes + 1, end - 8);
    const bits = (BLOCK + bytes) * 8;
    view.setUint32(end - 8, Math.floor(bits / 2 ** 32));
    view.setUint32(end - 4, bits >>> 0);
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
    for (let offset = 0; offset < end; offset += BLOCK) sha.process(view, offset);
    outer.setInt32(0, sha.A);
    outer.setInt32(4, sha.B);
    outer.setInt32(8, sha.C);
    outer.setInt32(12, sha.D);
    outer.setInt32(16, sha.E);
    outer.setInt32(20, sha.F);
    outer.setInt32(24, sha.G);
    outer.setInt32(28, sha.H);
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
    sha.process(outer, 0);
  }
}
