import { jest } from '@jest/globals';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
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

describe('BreakdownCard downloads', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    jest.restoreAllMocks();
  });

  const filters = {
    from: '2026-05-01',
    to: '2026-05-31',
    campaignId: null,
    platform: null,
    segmentId: null,
    compare: 'previous_period',
  } as const;

  /** Renders the card, clicks both downloads and returns the export URLs requested. */
  async function downloads(initialMetric: 'impressions' | 'engagementRate') {
    const fetchMock = jest.fn<typeof fetch>().mockImplementation(async (input) => {
      if (String(input).includes('/exports/')) {
        return {
          ok: true,
          status: 200,
          blob: async () => new Blob(['x']),
          headers: new Headers({ 'content-disposition': 'attachment; filename="f"' }),
        } as Response;
      }
      const body = breakdown('ageBand', '18-24', '18–24', 800);
      const current = metricSet({ impressions: 800, engagements: 40, engagementRate: 0.05 });
      return answer({ ...body, rows: [{ ...body.rows[0], current }], total: { current } });
    });
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
    // jsdom cannot follow a download link: the file itself is the server's (exports.integration-spec).
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <BreakdownCard filters={filters} by="ageBand" initialMetric={initialMetric} />
      </QueryClientProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Show as table' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download XLSX' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(3));
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[▲▼↕]/g, '').trim());
    const urls = fetchMock.mock.calls.map((c) => new URL(String(c[0]), 'http://x')).slice(1);
    return { headers, urls };
  }

  it("asks the server for the table's columns, the same query for CSV and XLSX", async () => {
    const { headers, urls } = await downloads('impressions');
    expect(headers).toEqual(['Age', 'Impressions', 'Share of total']);
    expect(urls.map((u) => u.pathname)).toEqual(['/api/v1/exports/breakdown.csv', '/api/v1/exports/breakdown.xlsx']);
    for (const url of urls) {
      expect(Object.fromEntries(url.searchParams)).toEqual({
        from: '2026-05-01',
        to: '2026-05-31',
        by: 'ageBand',
        metric: 'impressions',
        share: 'impressions',
      });
    }
  });

  it('shows and downloads no share column for a rate', async () => {
    const { headers, urls } = await downloads('engagementRate');
    expect(headers).toEqual(['Age', 'Engagement rate']);
    expect(urls[0]?.searchParams.get('metric')).toBe('engagementRate');
    expect(urls[0]?.searchParams.has('share')).toBe(false);
  });
});
