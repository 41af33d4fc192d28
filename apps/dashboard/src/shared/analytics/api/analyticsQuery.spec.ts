import { granularityFor, toAnalyticsParams, type AnalyticsFilters } from './analyticsQuery';

const base: AnalyticsFilters = {
  from: '2026-05-01',
  to: '2026-05-31',
  campaignId: null,
  platform: null,
  segmentId: null,
  compare: 'previous_period',
};

describe('toAnalyticsParams', () => {
  it.each([
    [
      base,
      {
        from: '2026-05-01',
        to: '2026-05-31',
        campaign: undefined,
        platform: undefined,
        segment: undefined,
        compare: 'previous',
      },
    ],
    [
      { ...base, compare: 'none' as const },
      {
        from: '2026-05-01',
        to: '2026-05-31',
        campaign: undefined,
        platform: undefined,
        segment: undefined,
        compare: undefined,
      },
    ],
    [
      {
        ...base,
        campaignId: 'c1',
        platform: 'tiktok' as const,
        segmentId: 'preset:teens',
        compare: 'previous_year' as const,
      },
      {
        from: '2026-05-01',
        to: '2026-05-31',
        campaign: 'c1',
        platform: 'tiktok',
        segment: 'preset:teens',
        // The same dates a year earlier, in the same answer (no second request).
        compare: 'yearEarlier',
      },
    ],
  ])('%j', (filters, expected) => {
    expect(toAnalyticsParams(filters)).toEqual(expected);
  });

  it('adds route parameters', () => {
    expect(toAnalyticsParams(base, { by: 'ageBand' }).by).toBe('ageBand');
  });
});

describe('granularityFor', () => {
  it.each([
    [1, 'day'],
    [92, 'day'],
    [93, 'week'],
    [730, 'week'],
    [731, 'month'],
  ])('%i days → %s', (days, expected) => {
    expect(granularityFor(days)).toBe(expected);
  });
});
