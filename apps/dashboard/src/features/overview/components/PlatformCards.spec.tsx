import { jest } from '@jest/globals';
import type { ReportedPeriodsResponse, SummaryResponse } from '@resonance/contracts';
import { meta, metricSet } from '../../../shared/analytics/__fixtures__/analytics';
import { queryOf, serverDownloads } from '../../../shared/analytics/__fixtures__/serverExports';
import { PlatformReachCard } from '../../../shared/analytics/components/PlatformReachCard';
import { PostsCard } from './PostsCard';
import { SpendCard } from './SpendCard';

const filters = {
  from: '2026-05-01',
  to: '2026-05-31',
  campaignId: 'c1',
  platform: null,
  segmentId: null,
  compare: 'previous_period',
} as const;

const summary: SummaryResponse = {
  meta: meta({
    reach: {
      method: 'exact',
      note: 'Exact.',
      platformReported: [
        {
          grain: 'day|ad|age|gender',
          periodStart: '2026-05-10',
          periodEnd: '2026-05-10',
          platform: 'facebook',
          campaignId: 'c1',
          creativeId: 'cr1',
          ageBand: '18-24',
          gender: 'female',
          reach: 1500,
        },
      ],
    },
  }),
  current: metricSet({ impressions: 1000 }),
  spend: [
    {
      currency: 'USD',
      spend: 12.5,
      impressions: 1000,
      clicks: 10,
      engagements: 50,
      resourceClicks: 0,
      cpm: 12.5,
      costPerClick: 1.25,
      costPerEngagement: 0.25,
      costPerResourceClick: null,
    },
  ],
};

const creatives = {
  meta: meta(),
  by: ['creative'],
  rows: [
    {
      key: [{ dimension: 'creative', value: 'cr1', label: 'Story A' }],
      current: metricSet({ impressions: 1000 }),
      shareOfTotal: { impressions: 1, engagements: 1, reach: 1 },
    },
  ],
  total: { current: metricSet({ impressions: 1000 }) },
  reachNote: '',
};

const posts: ReportedPeriodsResponse = {
  meta: meta(),
  rows: [
    {
      grain: 'lifetime|post',
      periodStart: '2026-05-02',
      periodEnd: '2026-05-09',
      platform: 'instagram',
      campaignId: 'c1',
      creativeId: 'p1',
      creativeName: 'Inside post',
      included: true,
      ageBand: null,
      gender: null,
      region: null,
      impressions: 5000,
      engagements: 300,
      clicks: 0,
      shares: 0,
      videoViews: 0,
      resourceClicks: 0,
      engagementRate: 0.06,
      interval: { lower: 0.054, upper: 0.067 },
      platformReach: 4000,
    },
  ],
  omitted: 0,
  note: 'Figures a platform reported for a whole post lifetime.',
};

const answers = {
  '/analytics/summary': summary,
  '/analytics/breakdown': creatives,
  '/analytics/reported-periods': posts,
};

describe('platform figure cards download CSV and XLSX from one server export, with the screen query', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    jest.restoreAllMocks();
  });

  it('platform reach: /exports/platform-reach with the summary query', async () => {
    const { urls, requested } = await serverDownloads(
      <PlatformReachCard filters={filters} />,
      answers,
      'Reach as the platforms reported it',
    );
    expect(urls.map((u) => u.pathname)).toEqual([
      '/api/v1/exports/platform-reach.csv',
      '/api/v1/exports/platform-reach.xlsx',
    ]);
    const screenQuery = queryOf(requested.find((u) => u.pathname === '/api/v1/analytics/summary')!);
    expect(screenQuery).toEqual({ from: '2026-05-01', to: '2026-05-31', campaign: 'c1', compare: 'previous' });
    for (const url of urls) expect(queryOf(url)).toEqual(screenQuery);
  });

  it('posts: /exports/posts with the reported-periods query', async () => {
    const { urls, requested } = await serverDownloads(
      <PostsCard filters={filters} />,
      answers,
      /^Posts and multi-day figures/,
    );
    expect(urls.map((u) => u.pathname)).toEqual(['/api/v1/exports/posts.csv', '/api/v1/exports/posts.xlsx']);
    const screenQuery = queryOf(requested.find((u) => u.pathname === '/api/v1/analytics/reported-periods')!);
    expect(screenQuery).toEqual({ from: '2026-05-01', to: '2026-05-31', campaign: 'c1' });
    for (const url of urls) expect(queryOf(url)).toEqual(screenQuery);
  });

  it('spend and cost: /exports/spend with the summary query', async () => {
    const { urls, requested } = await serverDownloads(<SpendCard filters={filters} />, answers, 'Spend and cost');
    expect(urls.map((u) => u.pathname)).toEqual(['/api/v1/exports/spend.csv', '/api/v1/exports/spend.xlsx']);
    const screenQuery = queryOf(requested.find((u) => u.pathname === '/api/v1/analytics/summary')!);
    for (const url of urls) expect(queryOf(url)).toEqual(screenQuery);
    expect(screenQuery.compare).toBe('previous');
  });
});
