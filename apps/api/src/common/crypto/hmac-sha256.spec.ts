import { createHmac, randomBytes } from 'node:crypto';
import { HmacSha256 } from './hmac-sha256.js';

const reference = (key: Buffer, message: string): Buffer => createHmac('sha256', key).update(message, 'utf8').digest();

describe('HmacSha256', () => {
  it('gives createHmac’s digest for every key length and for messages on both sides of each block boundary', () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const hmac = new HmacSha256(key);
      for (let length = 0; length <= 200; length++) {
        for (const unit of ['a', 'é', 'メ', '🙂']) {
          const message = unit.repeat(length).slice(0, length);
          const expected = reference(key, message);
          expect(hmac.digest(message)).toEqual(expected);
          expect(hmac.uint32(message)).toBe(expected.readUInt32BE(0));
          expect(hmac.int64(message)).toBe(expected.readBigInt64BE(0).toString());
        }
      }
    }
  });

  it('hashes long messages (past the reused buffer) and short ones after them', () => {
    const key = randomBytes(32);
    const hmac = new HmacSha256(key);
    for (const message of ['x'.repeat(1025), 'ü'.repeat(5000), 'short', '', 'y'.repeat(100_000), 'z']) {
      expect(hmac.digest(message)).toEqual(reference(key, message));
    }
  });

  it('keeps instances apart when their messages interleave', () => {
    const a = randomBytes(32);
    const b = randomBytes(16);
    const ha = new HmacSha256(a);
    const hb = new HmacSha256(b);
    for (let i = 0; i < 50; i++) {
      expect(ha.uint32(`count=${i}`)).toBe(reference(a, `count=${i}`).readUInt32BE(0));
      expect(hb.uint32(`count=${i}`)).toBe(reference(b, `count=${i}`).readUInt32BE(0));
    }
  });
});
