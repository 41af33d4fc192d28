import {
  ageBandLabel,
  formatCount,
  formatDay,
  formatIntervalBounds,
  formatRate,
  formatRateWithInterval,
  formatSignedChange,
  formatSignedPercent,
} from './analyticsFormat';

const S = { suppressed: true } as const;

describe('number formatting', () => {
  it.each([
    [12345, '12,345'],
    [0, '0'],
    [S, '<11'],
    [null, '—'],
    [undefined, '—'],
  ])('formatCount(%j) = %s', (value, expected) => {
    expect(formatCount(value)).toBe(expected);
  });

  it('uses the organisation threshold for suppressed counts', () => {
    expect(formatCount(S, 20)).toBe('<20');
  });

  it.each([
    [0.0342, '3.4%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [S, '<11'],
    [null, '—'],
  ])('formatRate(%j) = %s', (value, expected) => {
    expect(formatRate(value)).toBe(expected);
  });

  it.each([
    [0.125, '+12.5%'],
    [-0.5, '-50.0%'],
    [0, '0.0%'],
    [null, '—'],
  ])('formatSignedPercent(%j) = %s', (value, expected) => {
    expect(formatSignedPercent(value)).toBe(expected);
  });

  it.each([
    [1234, 'count', '+1,234'],
    [-5, 'count', '-5'],
    [0.004, 'rate', '+0.4 pts'],
    [-0.0125, 'rate', '-1.3 pts'],
    [S, 'rate', '<11'],
  ] as const)('formatSignedChange(%j, %s) = %s', (value, kind, expected) => {
    expect(formatSignedChange(value, kind)).toBe(expected);
  });

  it('writes a rate with its 95% interval, and leaves the interval out when hidden', () => {
    expect(formatIntervalBounds({ lower: 0.029, upper: 0.039 })).toBe('2.9–3.9%');
    expect(formatRateWithInterval(0.034, { lower: 0.029, upper: 0.039 })).toBe('3.4% (95% interval 2.9–3.9%)');
    expect(formatRateWithInterval(S, S)).toBe('<11');
    expect(formatRateWithInterval(0.034, null)).toBe('3.4%');
  });

  it.each([
    ['2026-05-01', 'May 1, 2026'],
    ['2026-12-31', 'Dec 31, 2026'],
  ])('formatDay(%s) has no time-zone drift', (iso, expected) => {
    expect(formatDay(iso)).toBe(expected);
  });

  it.each([
    ['18-24', '18–24'],
    ['65+', '65+'],
    ['unknown', 'Unknown'],
  ])('ageBandLabel(%s) = %s', (band, expected) => {
    expect(ageBandLabel(band)).toBe(expected);
  });
});
