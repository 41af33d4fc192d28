import { jest } from '@jest/globals';
import type { SegmentReportResponse } from '@resonance/contracts';
import { deltas, meta, metricSet } from '../../../shared/analytics/__fixtures__/analytics';
import { queryOf, serverDownloads } from '../../../shared/analytics/__fixtures__/serverExports';
import { SegmentSpendCard } from './SegmentSpendCard';

const report: SegmentReportResponse = {
  meta: meta(),
  rows: [
    {
      segment: {
        id: 'preset:young-adults',
        name: 'Young adults 18–24',
        isPreset: true,
        description: null,
        rules: { ageBand: ['18-24'] },
        createdAt: null,
      },
      current: metricSet({ impressions: 40000 }),
      comparison: metricSet(),
      deltas: deltas(),
      spend: [
        {
          currency: 'USD',
          spend: 70.75,
          impressions: 40000,
          clicks: 300,
          engagements: 2500,
          resourceClicks: 0,
          cpm: 1.77,
          costPerClick: 0.24,
          costPerEngagement: 0.03,
          costPerResourceClick: null,
        },
      ],
    },
  ],
  note: 'Segments may overlap.',
};

describe('SegmentSpendCard', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    jest.restoreAllMocks();
  });

  it("downloads CSV and XLSX from /exports/segment-spend with the segment report's query", async () => {
    const filters = {
      from: '2026-05-01',
      to: '2026-05-31',
      campaignId: 'c1',
      platform: 'facebook',
      segmentId: 'ignored-here',
      compare: 'none',
    } as const;
    const { urls, requested } = await serverDownloads(
      <SegmentSpendCard filters={filters} segmentIds={['preset:young-adults', 'preset:adults']} />,
      { '/analytics/segments': report },
      'Spend and cost by segment',
    );
    expect(urls.map((u) => u.pathname)).toEqual([
      '/api/v1/exports/segment-spend.csv',
      '/api/v1/exports/segment-spend.xlsx',
    ]);
    const screenQuery = queryOf(requested.find((u) => u.pathname === '/api/v1/analytics/segments')!);
    expect(screenQuery).toEqual({
      from: '2026-05-01',
      to: '2026-05-31',
      campaign: 'c1',
      platform: 'facebook',
      compare: 'previous',
      segment: ['preset:young-adults', 'preset:adults'],
    });
    for (const url of urls) expect(queryOf(url)).toEqual(screenQuery);
  });
});
