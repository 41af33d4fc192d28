import type { SegmentReportResponse } from '@resonance/contracts';
import { deltas, meta, metricSet } from '../__fixtures__/analytics';
import { toReportRows } from './reportTable';

const S = { suppressed: true } as const;

describe('toReportRows', () => {
  it('gives each segment its figures with counts changing in % and the rate in points', () => {
    const response: SegmentReportResponse = {
      meta: meta(),
      note: '',
      rows: [
        {
          spend: [],
          segment: {
            id: 's',
            name: 'Young adults 18–24',
            isPreset: true,
            description: null,
            rules: {},
            createdAt: null,
          },
          current: metricSet({
            impressions: 7168,
            reach: 2657,
            engagements: 603,
            engagementRate: 0.084,
            resourceClicks: S,
          }),
          comparison: metricSet(),
          deltas: deltas({
            impressions: { absolute: 2168, relative: 0.43 },
            engagementRate: { absolute: 0.038, relative: 0.83 },
            resourceClicks: { absolute: S, relative: S },
          }),
        },
      ],
    };
    expect(toReportRows(response)).toEqual([
      {
        id: 's',
        segment: 'Young adults 18–24',
        // The previous period has no impressions: nothing to test the rate's change against.
        engagementRateTest: null,
        impressions: 7168,
        impressionsChange: 0.43,
        reach: 2657,
        reachChange: 0,
        engagements: 603,
        engagementsChange: 0,
        engagementRate: 0.084,
        engagementRateChange: 0.038,
        resourceClicks: S,
        resourceClicksChange: S,
      },
    ]);
  });
});
