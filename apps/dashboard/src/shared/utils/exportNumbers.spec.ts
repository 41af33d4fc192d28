import { exportNumber } from './exportNumbers';

describe('exportNumber', () => {
  it.each([
    [0.08266666666666667, 'percent', 8.27],
    [-0.046, 'points', -4.6],
    [1234, 'count', 1234],
    [null, 'percent', ''],
    [{ suppressed: true as const }, 'count', '<11'],
  ] as const)('%p as %s → %p', (value, unit, expected) => {
    expect(exportNumber(value, unit, 11)).toBe(expected);
  });
});
