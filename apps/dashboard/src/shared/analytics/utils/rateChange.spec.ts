import { metricSet } from '../__fixtures__/analytics';
import { rateChangeTest } from './rateChange';

const S = { suppressed: true } as const;

describe('rateChangeTest', () => {
  it('tests a rate change from its published counts (engagements / impressions)', () => {
    // 6.0% of 1,000 vs 4.0% of 1,000: pooled 5%, se = √(0.05 · 0.95 · 2/1000) = 0.009747, z = 2.052, p = 0.040.
    const test = rateChangeTest(
      metricSet({ impressions: 1000, engagements: 60, engagementRate: 0.06 }),
      metricSet({ impressions: 1000, engagements: 40, engagementRate: 0.04 }),
      'engagementRate',
    );
    expect(test?.pValue).toBeCloseTo(0.0402, 3);
    expect(test?.beyondChance).toBe(true);
  });

  it('calls a small change on small counts chance', () => {
    const test = rateChangeTest(
      metricSet({ impressions: 1000, engagements: 50 }),
      metricSet({ impressions: 1000, engagements: 45 }),
      'engagementRate',
    );
    expect(test?.beyondChance).toBe(false);
    expect(test?.pValue).toBeGreaterThan(0.5);
  });

  it('uses each rate’s own counts (video completions / video views)', () => {
    const test = rateChangeTest(
      metricSet({ videoViews: 400, videoCompletions: 200, impressions: 0 }),
      metricSet({ videoViews: 400, videoCompletions: 100, impressions: 0 }),
      'videoCompletionRate',
    );
    expect(test?.beyondChance).toBe(true);
  });

  it('has nothing to say for counts, hidden counts or an empty period', () => {
    const some = metricSet({ impressions: 1000, engagements: 50 });
    expect(rateChangeTest(some, some, 'engagements')).toBeNull();
    expect(rateChangeTest(metricSet({ impressions: 1000, engagements: S }), some, 'engagementRate')).toBeNull();
    expect(rateChangeTest(some, metricSet(), 'engagementRate')).toBeNull();
  });

  it('clamps a perturbed numerator to its denominator', () => {
    // Cell-key perturbation can publish 13 engagements on 11 impressions.
    expect(
      rateChangeTest(
        metricSet({ impressions: 11, engagements: 13 }),
        metricSet({ impressions: 20, engagements: 2 }),
        'engagementRate',
      ),
    ).not.toBeNull();
  });
});
