import { hasEnoughData, judgeView, type Arm } from './creative-verdicts.js';

const arm = (successes: number, trials: number, eligible = true): Arm => ({ successes, trials, eligible });

describe('judgeView', () => {
  it.each([
    ['clear winner', [arm(800, 10_000), arm(500, 10_000)], ['leader', 'clearly behind']],
    // The two leaders are close; the third is beaten beyond chance (and has <1% chance to be best).
    [
      'one arm far behind two close leaders',
      [arm(600, 10_000), arm(590, 10_000), arm(400, 10_000)],
      ['no clear difference', 'no clear difference', 'clearly behind'],
    ],
    ['tie', [arm(250, 5_000), arm(255, 5_000)], ['no clear difference', 'no clear difference']],
    ['tiny data', [arm(3, 40, false), arm(800, 10_000)], ['not enough data', 'no clear difference']],
    ['nothing comparable', [arm(3, 40, false), arm(2, 30, false)], ['not enough data', 'not enough data']],
    // Significant but P(best) below 0.95 cannot happen with two arms; three close leaders stay "no clear difference".
    [
      'three close arms',
      [arm(600, 10_000), arm(590, 10_000), arm(595, 10_000)],
      ['no clear difference', 'no clear difference', 'no clear difference'],
    ],
  ])('%s', (_name, arms, verdicts) => {
    const [segment] = judgeView([arms]);
    expect(segment?.map((j) => j.verdict)).toEqual(verdicts);
  });

  it('Holm-adjusts across every comparison on the view, not per segment', () => {
    // Alone, 0.03 < 0.05 would make a leader; with a second segment's comparison in the family it is doubled.
    const alone = judgeView([[arm(330, 5_000), arm(280, 5_000)]]);
    const raw = alone[0]?.[1]?.rawPValue ?? 1;
    expect(raw).toBeGreaterThan(0.025);
    expect(raw).toBeLessThan(0.05);
    const together = judgeView([
      [arm(330, 5_000), arm(280, 5_000)],
      [arm(250, 5_000), arm(255, 5_000)],
    ]);
    // Holm with m = 2: the smaller p is doubled; the larger (the tie, p ≈ 0.82) is kept as is.
    expect(together[0]?.[1]?.pValue).toBeCloseTo(2 * raw, 12);
    expect(together[1]?.[0]?.pValue).toBeCloseTo(together[1]?.[0]?.rawPValue ?? 0, 12);
    expect(together[0]?.[0]?.verdict).toBe('no clear difference');
  });

  it('caps engagements at impressions rather than failing on imported oddities', () => {
    expect(() => judgeView([[arm(1200, 1000), arm(50, 1000)]])).not.toThrow();
  });
});

describe('hasEnoughData', () => {
  it.each([
    [1000, 30, 11, true],
    [999, 30, 11, false],
    [1000, 29, 11, false],
    [5000, 40, 50, false],
  ])('%d impressions, %d engagements, threshold %d → %s', (n, x, threshold, expected) => {
    expect(hasEnoughData(n, x, threshold)).toBe(expected);
  });
});

describe('judgeView with many arms', () => {
  it('gives P(best) = 0 to arms far behind and stays fast with 200 arms', () => {
    const arms = Array.from({ length: 200 }, (_, i) => arm(i === 0 ? 900 : 300 + (i % 7), 10_000));
    const [segment] = judgeView([arms]);
    expect(segment?.[0]?.verdict).toBe('leader');
    expect(segment?.[0]?.probabilityToBeBest).toBeCloseTo(1, 6);
    expect(segment?.[5]?.probabilityToBeBest).toBe(0);
  });

  it('does not compute P(best) when more than 12 arms are contenders', () => {
    const arms = Array.from({ length: 20 }, () => arm(500, 10_000));
    const [segment] = judgeView([arms]);
    expect(segment?.every((j) => j.probabilityToBeBest === null && j.verdict === 'no clear difference')).toBe(true);
  });
});
