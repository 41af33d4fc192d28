import { jest } from '@jest/globals';
import type { ReactElement } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';

/**
 * For card specs: answers the card's analytics requests with `answers` (by path), clicks Download CSV
 * and Download XLSX in `region`, and returns the export requests made. jsdom cannot follow a download
 * link, so the file itself is the server's (apps/api/src/exports/exports.integration-spec.ts).
 */
export async function serverDownloads(
  ui: ReactElement,
  answers: Record<string, unknown>,
  region: RegExp | string,
  /** What to do first in the card, e.g. open "Show as table". */
  open?: () => void,
): Promise<{ urls: URL[]; requested: URL[] }> {
  const requested: URL[] = [];
  const fetchMock = jest.fn<typeof fetch>().mockImplementation(async (input) => {
    const url = new URL(String(input), 'http://x');
    requested.push(url);
    if (url.pathname.startsWith('/api/v1/exports/')) {
      return {
        ok: true,
        status: 200,
        blob: async () => new Blob(['x']),
        headers: new Headers({ 'content-disposition': 'attachment; filename="f"' }),
      } as Response;
    }
    const body = answers[url.pathname.replace('/api/v1', '')];
    if (body === undefined) return { ok: false, status: 404, text: async () => '{}' } as Response;
    return { ok: true, status: 200, text: async () => JSON.stringify(body) } as Response;
  });
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  Object.assign(URL, { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined });
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      {ui}
    </QueryClientProvider>,
  );
  const card = await screen.findByRole('region', { name: region });
  open?.();
  const before = requested.length;
  fireEvent.click(await within(card).findByRole('button', { name: 'Download CSV' }));
  fireEvent.click(within(card).getByRole('button', { name: 'Download XLSX' }));
  await waitFor(() => expect(requested.length).toBe(before + 2));
  return { urls: requested.slice(before), requested };
}

/** A URL's query as an object, repeated parameters as arrays. */
export function queryOf(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : (all[0] ?? '');
  }
  return out;
}
