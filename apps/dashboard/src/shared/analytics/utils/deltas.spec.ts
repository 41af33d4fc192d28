import { metricSet } from '../__fixtures__/analytics';
import { deltaOf, deltasOf } from './deltas';

const S = { suppressed: true } as const;

describe('deltaOf', () => {
  it.each([
    [120, 100, { absolute: 20, relative: 0.2 }],
    [50, 100, { absolute: -50, relative: -0.5 }],
    [10, 0, { absolute: 10, relative: null }],
    [null, 3, { absolute: null, relative: null }],
    [S, 100, { absolute: S, relative: S }],
    [100, S, { absolute: S, relative: S }],
  ] as const)('%j vs %j → %j', (current, previous, expected) => {
    expect(deltaOf(current, previous)).toEqual(expected);
  });

  it('computes every metric', () => {
    const d = deltasOf(
      metricSet({ impressions: 30, engagementRate: 0.06 }),
      metricSet({ impressions: 20, engagementRate: 0.04 }),
    );
    expect(d.impressions).toEqual({ absolute: 10, relative: 0.5 });
    expect(d.engagementRate.absolute).toBeCloseTo(0.02);
    expect(d.engagementRate.relative).toBeCloseTo(0.5);
  });
});
