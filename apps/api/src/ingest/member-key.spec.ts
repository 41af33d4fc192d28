import { createHmac, randomBytes } from 'node:crypto';
import { MEMBER_MEMO_LIMIT, MemberHasher, memberHash } from './member-key.js';

const reference = (secret: Buffer, id: string): string =>
  createHmac('sha256', secret).update(id, 'utf8').digest().readBigInt64BE(0).toString();

describe('MemberHasher', () => {
  // Longer ids before shorter ones (nothing of the previous id may remain), and one past the in-place room.
  const ids = ['member-1', 'm', 'ünïcødé-メンバー-🙂', 'x'.repeat(256), 'member-1', '', 'ü'.repeat(400), 'm2'];

  it('gives exactly the stored HMAC of memberHash, for every secret length', () => {
    for (const length of [1, 32, 64, 65, 200]) {
      const secret = randomBytes(length);
      const hasher = new MemberHasher(secret);
      for (const id of ids) {
        expect(hasher.hash(id)).toBe(reference(secret, id));
        expect(hasher.hash(id)).toBe(memberHash(secret, id));
      }
    }
  });

  it('gives the same HMAC on both sides of the one-block boundary (55 UTF-8 bytes), in one and several bytes a character', () => {
    const secret = randomBytes(32);
    const hasher = new MemberHasher(secret);
    for (let length = 0; length <= 130; length++) {
      for (const unit of ['a', 'é', 'メ', '🙂']) {
        const id = unit.repeat(length).slice(0, length);
        expect(hasher.hash(id)).toBe(reference(secret, id));
      }
    }
  });

  it('keeps one organisation’s hashes apart from another’s', () => {
    const a = new MemberHasher(Buffer.alloc(32, 1));
    const b = new MemberHasher(Buffer.alloc(32, 2));
    expect(a.hash('member-7')).not.toBe(b.hash('member-7'));
    expect(b.hash('member-7')).toBe(reference(Buffer.alloc(32, 2), 'member-7'));
  });

  it('stays correct past its memory bound', () => {
    const secret = randomBytes(32);
    const hasher = new MemberHasher(secret);
    for (let i = 0; i < MEMBER_MEMO_LIMIT + 10; i++) hasher.hash(`member-${i}`);
    for (const i of [0, 1, MEMBER_MEMO_LIMIT - 1, MEMBER_MEMO_LIMIT + 9]) {
      expect(hasher.hash(`member-${i}`)).toBe(reference(secret, `member-${i}`));
    }
  });
});
