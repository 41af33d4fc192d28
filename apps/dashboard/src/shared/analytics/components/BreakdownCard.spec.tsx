import { jest } from '@jest/globals';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import type { BreakdownResponse, BreakdownsResponse } from '@resonance/contracts';
import { meta, metricSet } from '../__fixtures__/analytics';
import { BreakdownCard } from './BreakdownCard';

function answer(body: unknown): Response {
  return { ok: true, status: 200, text: async () => JSON.stringify(body) } as Response;
}

function breakdown(by: 'ageBand' | 'platform', value: string, label: string, impressions: number): BreakdownResponse {
  const current = metricSet({ impressions });
  return {
    meta: meta(),
    by: [by],
    rows: [{ key: [{ dimension: by, value, label }], current, shareOfTotal: { impressions: 1 } as never }],
    total: { current },
  } as unknown as BreakdownResponse;
}

describe('BreakdownCard in a group', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('shares one /analytics/breakdowns request among the cards of a page, each showing its own dimension', async () => {
    const body: BreakdownsResponse = {
      items: [breakdown('platform', 'tiktok', 'TikTok', 1200), breakdown('ageBand', '18-24', '18–24', 800)],
    };
    const fetchMock = jest.fn<typeof fetch>().mockResolvedValue(answer(body));
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    const filters = {
      from: '2026-05-01',
      to: '2026-05-31',
      campaignId: null,
      platform: null,
      segmentId: null,
      compare: 'none',
    } as const;
    const group = ['platform', 'ageBand'] as const;
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <BreakdownCard filters={filters} by="platform" group={group} />
        <BreakdownCard filters={filters} by="ageBand" group={group} />
      </QueryClientProvider>,
    );
    expect(await screen.findByText('Total 1,200.')).toBeTruthy();
    expect(await screen.findByText('Total 800.')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const url = new URL(String(fetchMock.mock.calls[0]?.[0]), 'http://x');
    expect(url.pathname).toBe('/api/v1/analytics/breakdowns');
    expect(url.searchParams.get('each')).toBe('platform,ageBand');
  });
});
