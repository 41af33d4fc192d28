import { jest } from '@jest/globals';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { ObservanceOccurrence, UpcomingObservancesResponse } from '@resonance/contracts';
import { SessionContext } from '../../../shared/session/useSession';
import { occurrence } from '../utils/testFixtures';
import { PlanningPage } from './PlanningPage';

function answer(status: number, body: unknown): Response {
  return { ok: status < 400, status, text: async () => JSON.stringify(body) } as Response;
}

function upcoming(items: ObservanceOccurrence[]): UpcomingObservancesResponse {
  return { items, total: items.length, from: '2026-11-25', to: '2027-11-24' };
}

function renderPage(fetchMock: jest.Mock<typeof fetch>) {
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  const router = createMemoryRouter([{ path: '/planning', element: <PlanningPage /> }], {
    initialEntries: ['/planning'],
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <SessionContext.Provider
        value={{
          user: { id: 'u1', email: 'viewer@example.org', role: 'viewer' },
          organization: { id: 'o1', name: 'Org', suppressionThreshold: 11 },
        }}
      >
        <RouterProvider router={router} />
      </SessionContext.Provider>
    </QueryClientProvider>,
  );
}

describe('PlanningPage', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('shows the server error with a retry, then the next observance once it answers', async () => {
    const wmhd = occurrence({ name: 'World Mental Health Day', startsOn: '2027-10-10', endsOn: '2027-10-10' });
    const fetchMock = jest
      .fn<typeof fetch>()
      .mockResolvedValueOnce(answer(500, { statusCode: 500, code: 'internal', message: 'Database unavailable' }))
      .mockResolvedValueOnce(answer(200, upcoming([wmhd])));
    renderPage(fetchMock);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the observance calendar: Database unavailable');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));

    const lead = await screen.findByText('Next up:');
    expect(lead.parentElement?.textContent).toMatch(/World Mental Health Day in 319 days/);
    expect(screen.getByRole('status').textContent).toBe('1 observances shown for all regions.');
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe('/api/v1/planning/observances/upcoming?months=12');
  });

  it('says so when nothing falls in the next 12 months, and hides the add form from viewers', async () => {
    renderPage(jest.fn<typeof fetch>().mockResolvedValue(answer(200, upcoming([]))));
    expect(await screen.findByRole('heading', { name: 'No observances in the next 12 months' })).toBeTruthy();
    expect(screen.queryByText('Add your own observance')).toBeNull();
  });
});
