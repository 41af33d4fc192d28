import type { SummaryResponse } from '@resonance/contracts';
import { deltas, meta, metricSet } from '../__fixtures__/analytics';
import { kpiDeltaText, NO_BASELINE, toKpis, trendOf } from './kpis';

const S = { suppressed: true } as const;

function summary(overrides: Partial<SummaryResponse> = {}): SummaryResponse {
  return {
    meta: meta(),
    spend: [],
    current: metricSet({ impressions: 1200, reach: 800, engagements: 60, engagementRate: 0.05, resourceClicks: 7 }),
    ...overrides,
  };
}

describe('toKpis', () => {
  it('gives the five headline cards in order, with reach explained as de-duplicated', () => {
    const kpis = toKpis(summary());
    expect(kpis.map((k) => k.id)).toEqual(['impressions', 'reach', 'engagements', 'engagementRate', 'resourceClicks']);
    expect(kpis.map((k) => k.value)).toEqual([1200, 800, 60, 0.05, 7]);
    expect(kpis[1]?.note).toMatch(/de-duplicated/);
    expect(kpis[3]?.kind).toBe('rate');
    expect(kpis.every((k) => k.delta === null && k.trend === 'unknown')).toBe(true);
  });

  it('says why reach is missing when the server cannot derive it', () => {
    const s = summary({
      meta: meta({
        reach: { method: 'exact', note: '', notDerivable: 'Not for hourly buckets.', platformReported: [] },
      }),
    });
    s.current.reach = null;
    expect(toKpis(s)[1]?.note).toBe('Not for hourly buckets.');
  });

  it('says when the reach on the card is a sketch estimate, and how close it is', () => {
    const sketched = {
      reach: { method: 'sketch' as const, relativeStandardError: 0.0041, note: '', platformReported: [] },
    };
    const large = summary({ meta: meta(sketched), current: metricSet({ impressions: 90_000, reach: 25_000 }) });
    expect(toKpis(large)[1]?.note).toMatch(
      /de-duplicated.*Estimated: within ±0\.8% of the exact count 19 times in 20\./,
    );
    // The response has an estimate elsewhere (e.g. the comparison), but 800 people are counted exactly.
    const small = summary({ meta: meta(sketched) });
    expect(toKpis(small)[1]?.note).not.toMatch(/Estimated/);
    expect(toKpis(summary())[1]?.note).not.toMatch(/Estimated/);
  });

  it('explains a reach of 0 beside impressions that came from platform exports', () => {
    const reported = {
      grain: 'campaign-period',
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
      platform: 'facebook' as const,
      campaignId: 'c1',
      creativeId: null,
      reach: 40_000,
    };
    const exportOnly = summary({
      meta: meta({ reach: { method: 'exact', note: '', platformReported: [reported] } }),
      current: metricSet({ impressions: 673_000, reach: 0 }),
    });
    expect(toKpis(exportOnly)[1]?.note).toBe(
      'No people counted: platform exports give counts, not people. The platforms’ own reach is below.',
    );
    const noPlatformReach = summary({ current: metricSet({ impressions: 5_000, reach: 0 }) });
    expect(toKpis(noPlatformReach)[1]?.note).toBe('No people counted: platform exports give counts, not people.');
    // Nothing at all in the period: the usual definition, no claim about exports.
    const empty = summary({ current: metricSet({ impressions: 0, reach: 0 }) });
    expect(toKpis(empty)[1]?.note).toMatch(/^Distinct people, de-duplicated/);
  });

  it('carries the comparison and its deltas', () => {
    const s = summary({
      comparison: metricSet({ impressions: 1000 }),
      deltas: deltas({ impressions: { absolute: 200, relative: 0.2 }, engagements: { absolute: -3, relative: -0.05 } }),
    });
    const [impressions, , engagements] = toKpis(s);
    expect(impressions?.previous).toBe(1000);
    expect(impressions?.trend).toBe('up');
    expect(engagements?.trend).toBe('down');
  });
});

describe('trendOf', () => {
  it.each([
    [{ absolute: 5, relative: 0.1 }, 'up'],
    [{ absolute: -5, relative: -0.1 }, 'down'],
    [{ absolute: 0, relative: 0 }, 'flat'],
    [{ absolute: S, relative: S }, 'unknown'],
    [{ absolute: null, relative: null }, 'unknown'],
    [null, 'unknown'],
  ] as const)('%j → %s', (delta, expected) => {
    expect(trendOf(delta)).toBe(expected);
  });
});

describe('kpiDeltaText', () => {
  it.each([
    ['count', { absolute: 200, relative: 0.2 }, 1000, '+20.0%'],
    ['count', { absolute: -50, relative: -0.05 }, 1000, '-5.0%'],
    ['rate', { absolute: 0.004, relative: 0.1 }, 0.04, '+0.4 pts (+10.0%)'],
    ['count', { absolute: 120, relative: null }, 0, NO_BASELINE],
    ['count', { absolute: S, relative: S }, S, '<11 (hidden)'],
  ] as const)('%s %j from %j → %s', (kind, delta, previous, expected) => {
    expect(kpiDeltaText({ kind, delta, previous }, 11)).toBe(expected);
  });

  it('is null without a comparison', () => {
    expect(kpiDeltaText({ kind: 'count', delta: null, previous: undefined }, 11)).toBeNull();
  });
});
