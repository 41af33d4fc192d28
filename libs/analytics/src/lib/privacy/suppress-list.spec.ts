import { suppressList } from './suppress-list.js';
import { isSuppressed } from './wire.js';

describe('suppressList (1-D)', () => {
  it('hides a small count and a partner so "total minus the rest" recovers nothing', () => {
    const counts = [120, 5, 40, 300];
    const result = suppressList({ counts, total: 465 });
    expect(result.reasons).toEqual([null, 'primary', 'complementary', null]);
    expect(result.values).toEqual([120, { suppressed: true }, { suppressed: true }, 300]);
    expect(result.total).toBe(465);
    // The attack: 465 − 120 − 300 = 45 is only the sum of the two hidden cells, not either one.
    const visibleSum = result.values.filter((v): v is number => !isSuppressed(v)).reduce((s, v) => s + v, 0);
    expect(465 - visibleSum).toBe(45);
    expect(45).not.toBe(5);
    // Without the complementary cell the same subtraction would give the hidden 5 back.
    expect(465 - 120 - 40 - 300).toBe(5);
  });

  it('needs no partner when no total is published (there is nothing to subtract from)', () => {
    expect(suppressList({ counts: [120, 5, 40] }).reasons).toEqual([null, 'primary', null]);
  });

  it('keeps zeros visible and does not use them as partners', () => {
    const result = suppressList({ counts: [0, 7, 0, 25, 12], total: 44 });
    expect(result.reasons).toEqual([null, 'primary', null, null, 'complementary']);
  });

  it('hides a small total too, and a lone partner-less cell then needs nothing more', () => {
    const result = suppressList({ counts: [3, 0, 4], total: 7 });
    expect(result.reasons).toEqual(['primary', null, 'primary']);
    expect(result.totalReason).toBe('primary');
  });

  it('applies a raised threshold', () => {
    const result = suppressList({ counts: [15, 30, 200], total: 245, threshold: 20 });
    expect(result.reasons).toEqual(['primary', 'complementary', null]);
    expect(() => suppressList({ counts: [1], threshold: 5 })).toThrow(RangeError);
  });
});
