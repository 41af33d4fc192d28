import type { SegmentReportResponse } from '@resonance/contracts';
import { deltas, meta, metricSet } from '../../../shared/analytics/__fixtures__/analytics';
import { isEmptyRules, normaliseRules, toggleRuleValue } from './rules';
import { describeRules, toSegmentReportRows } from './segmentReport';

const S = { suppressed: true } as const;

describe('segment rules', () => {
  it.each([
    [{}, 'ageBand', '18-24', { ageBand: ['18-24'] }],
    [{ ageBand: ['18-24'] }, 'ageBand', '13-17', { ageBand: ['18-24', '13-17'] }],
    [{ ageBand: ['18-24'], platform: ['tiktok'] }, 'ageBand', '18-24', { platform: ['tiktok'] }],
  ] as const)('toggle %j %s %s → %j', (rules, dimension, value, expected) => {
    expect(toggleRuleValue(rules as never, dimension, value)).toEqual(expected);
  });

  it('normalises order so a query key does not depend on clicks', () => {
    expect(normaliseRules({ platform: ['tiktok'], ageBand: ['18-24', '13-17'], gender: [] })).toEqual({
      ageBand: ['13-17', '18-24'],
      platform: ['tiktok'],
    });
    expect(JSON.stringify(normaliseRules({ platform: ['x'], ageBand: ['65+'] }))).toBe(
      '{"ageBand":["65+"],"platform":["x"]}',
    );
  });

  it.each([
    [{}, true],
    [{ ageBand: [] }, true],
    [{ region: ['GB'] }, false],
  ])('isEmptyRules(%j) = %s', (rules, expected) => {
    expect(isEmptyRules(rules)).toBe(expected);
  });

  it.each([
    [{}, 'everyone'],
    // The rule reads as the server's exports write it (the CSV and XLSX carry the same text).
    [{ ageBand: ['13-17', '18-24'], platform: ['tiktok'] }, 'age 13-17 or 18-24 · platform tiktok'],
  ])('describeRules(%j) = %s', (rules, text) => {
    expect(describeRules(rules)).toBe(text);
  });
});

describe('toSegmentReportRows', () => {
  const response: SegmentReportResponse = {
    meta: meta(),
    note: 'Segments may overlap.',
    rows: [
      {
        spend: [],
        segment: {
          id: 'preset:young-adults',
          name: 'Young adults 18–24',
          isPreset: true,
          description: null,
          rules: { ageBand: ['18-24'] },
          createdAt: null,
        },
        current: metricSet({ impressions: 7168, engagementRate: 0.084 }),
        comparison: metricSet({ impressions: 5000, engagementRate: 0.046 }),
        deltas: deltas({
          impressions: { absolute: 2168, relative: 0.4336 },
          engagementRate: { absolute: 0.038, relative: 0.826 },
        }),
      },
      {
        spend: [],
        segment: {
          id: 'u1',
          name: 'Tiny',
          isPreset: false,
          description: null,
          rules: { region: ['IS'] },
          createdAt: '2026-11-01T00:00:00Z',
        },
        current: metricSet({ impressions: S }),
        comparison: metricSet({ impressions: 40 }),
        deltas: deltas({ impressions: { absolute: S, relative: S } }),
      },
    ],
  };

  it.each([
    ['impressions', [7168, 5000, 2168, 0.4336], [S, 40, S, S]],
    ['engagementRate', [0.084, 0.046, 0.038, 0.826], [null, null, 0, 0]],
  ] as const)('one row per segment for %s: current, previous, Δ, Δ%%', (metric, first, second) => {
    const rows = toSegmentReportRows(response, metric);
    expect(rows.map((r) => [r.current, r.previous, r.change, r.changePercent])).toEqual([first, second]);
    expect(rows[0]).toMatchObject({
      id: 'preset:young-adults',
      name: 'Young adults 18–24',
      isPreset: true,
      rules: 'age 18-24',
    });
  });
});
