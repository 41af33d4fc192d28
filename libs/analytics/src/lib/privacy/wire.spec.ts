import { DEFAULT_SUPPRESSION_THRESHOLD, isSmallCount, validateSuppressionThreshold } from './threshold.js';
import { displayCount, isSuppressed, suppressedLabel, toWireCount, toWireRate } from './wire.js';

describe('suppression threshold', () => {
  it('defaults to 11', () => {
    expect(DEFAULT_SUPPRESSION_THRESHOLD).toBe(11);
  });

  it.each([11, 12, 50])('accepts %i (organisations may raise it)', (n) => {
    expect(validateSuppressionThreshold(n)).toBe(n);
  });

  it.each([10, 0, -11, 11.5, Number.NaN])('refuses %p (never lower than 11, whole numbers only)', (n) => {
    expect(() => validateSuppressionThreshold(n)).toThrow(RangeError);
    expect(() => validateSuppressionThreshold(n)).toThrow(/threshold must be an integer >= 11/);
  });

  it.each([
    [0, false],
    [1, true],
    [10, true],
    [11, false],
    [500, false],
  ])('count %i is small: %p', (count, small) => {
    expect(isSmallCount(count)).toBe(small);
  });
});

describe('wire values', () => {
  it.each([
    [0, 11, 0],
    [1, 11, { suppressed: true }],
    [10, 11, { suppressed: true }],
    [11, 11, 11],
    [15, 20, { suppressed: true }],
  ])('toWireCount(%i, threshold %i) → %j', (count, threshold, wire) => {
    expect(toWireCount(count, threshold)).toEqual(wire);
  });

  it('never lets a lowered threshold through', () => {
    expect(() => toWireCount(7, 5)).toThrow(RangeError);
  });

  it('recognises the suppressed marker and nothing else', () => {
    expect(isSuppressed({ suppressed: true })).toBe(true);
    expect(isSuppressed(0)).toBe(false);
    expect(isSuppressed(null)).toBe(false);
    expect(isSuppressed(undefined)).toBe(false);
  });

  it('hides a rate when any count it is built from is hidden', () => {
    expect(toWireRate(0.005, [{ suppressed: true }, 1000])).toEqual({ suppressed: true });
    expect(toWireRate(0.05, [50, 1000])).toBe(0.05);
    expect(toWireRate(null, [0, 0])).toBeNull();
  });

  it('displays hidden counts as "<threshold"', () => {
    expect(suppressedLabel()).toBe('<11');
    expect(displayCount({ suppressed: true })).toBe('<11');
    expect(displayCount({ suppressed: true }, 25)).toBe('<25');
    expect(displayCount(1234)).toBe('1234');
    expect(displayCount(1234, 11, (n) => n.toLocaleString('en-US'))).toBe('1,234');
  });
});
