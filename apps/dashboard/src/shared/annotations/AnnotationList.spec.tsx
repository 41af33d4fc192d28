import { jest } from '@jest/globals';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Annotation } from '@resonance/contracts';
import { AnnotationList } from './AnnotationList';
import { placeAnnotations } from './placeAnnotations';

const days = Array.from({ length: 31 }, (_, i) => `2026-05-${String(i + 1).padStart(2, '0')}`);
const items: Annotation[] = [
  {
    id: 'observance:o:2026',
    kind: 'observance',
    startsOn: '2026-05-01',
    endsOn: '2026-05-31',
    text: 'Mental Health Awareness Month',
    campaign: null,
    observance: { id: 'o', slug: 'mental-health-awareness-month' },
    createdBy: null,
    updatedAt: null,
  },
  {
    id: 'n1',
    kind: 'note',
    startsOn: '2026-05-12',
    endsOn: '2026-05-12',
    text: 'Press coverage',
    campaign: { id: 'c1', name: 'Spring' },
    observance: null,
    createdBy: 'u1',
    updatedAt: '2026-05-12T09:00:00Z',
  },
];

function renderList(canEdit: boolean) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AnnotationList
        placed={placeAnnotations(items, days, { from: '2026-05-01', to: '2026-05-31' })}
        annotations={items}
        canEdit={canEdit}
        defaultDate="2026-05-31"
        campaign={{ id: 'c1', name: 'Spring' }}
      />
    </QueryClientProvider>,
  );
}

describe('AnnotationList', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('lists the marks by their chart numbers, with dates and kind, and no controls for readers', () => {
    renderList(false);
    const list = screen.getByRole('region', { name: 'Notes and observances on this chart' });
    const rows = [...list.querySelectorAll('li')].map((li) => li.textContent);
    expect(rows).toEqual([
      '1 1 May 2026 – 31 May 2026 — Mental Health Awareness Month (observance)',
      '2 12 May 2026 — Press coverage (Spring)',
    ]);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('lets an editor edit and delete notes (not observances) and add one', async () => {
    const fetchMock = jest.fn<typeof fetch>(
      async () => ({ ok: true, status: 201, text: async () => JSON.stringify(items[1]) }) as Response,
    );
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    renderList(true);
    expect(screen.getAllByRole('button', { name: /^Edit note/ })).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Delete note Press coverage' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Add a note' }));
    const form = screen.getByRole('form', { name: 'Add a note' });
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Paid boost started' } });
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-05-20' } });
    fireEvent.change(screen.getByLabelText('To (optional)'), { target: { value: '2026-05-24' } });
    fireEvent.click(screen.getByLabelText('Only for Spring'));
    fireEvent.submit(form);
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/v1/annotations');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({
      text: 'Paid boost started',
      startsOn: '2026-05-20',
      endsOn: '2026-05-24',
      campaignId: 'c1',
    });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Add a note' })).toBeNull());
  });
});
