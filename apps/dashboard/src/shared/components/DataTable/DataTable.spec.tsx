import { fireEvent, render, screen, within } from '@testing-library/react';
import { SessionContext } from '../../session/sessionContext';
import { DataTable } from './DataTable';
import { createDataTableColumnHelper } from './dataTableFeatures';
import { toCsv } from './csv';

interface Row {
  id: string;
  name: string;
  impressions: number | { suppressed: true };
}

const col = createDataTableColumnHelper<Row>();
const columns = col.columns([
  col.accessor('name', { header: 'Name' }),
  col.accessor('impressions', {
    header: 'Impressions',
    sortFn: 'count',
    meta: { numeric: true },
    cell: (i) => String(JSON.stringify(i.getValue())),
  }),
  col.display({ id: 'actions', header: 'Actions', cell: () => <button type="button">Edit</button> }),
]);

const rows: Row[] = Array.from({ length: 12 }, (_, i) => ({
  id: `r${i}`,
  name: `Creative ${String.fromCharCode(65 + i)}`,
  impressions: i === 3 ? { suppressed: true } : (i * 37) % 100,
}));

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

function bodyNames(): string[] {
  const table = screen.getByRole('table');
  return within(table)
    .getAllByRole('rowheader')
    .map((c) => c.textContent ?? '');
}

describe('DataTable', () => {
  // jsdom cannot follow the download link; the file's content is read from the Blob instead.
  beforeEach(() => {
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('renders an accessible table: caption, column headers with scope, row headers', () => {
    render(<DataTable caption="Creatives" data={rows} columns={columns} getRowId={(r) => r.id} pageSize={10} />);
    const table = screen.getByRole('table', { name: 'Creatives' });
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.getAttribute('scope'))).toEqual(['col', 'col', 'col']);
    expect(bodyNames()).toHaveLength(10);
  });

  it('sorts when a header is clicked and says so with aria-sort', () => {
    render(<DataTable caption="Creatives" data={rows} columns={columns} getRowId={(r) => r.id} pageSize={20} />);
    const header = screen.getByRole('columnheader', { name: /Name/ });
    expect(header.getAttribute('aria-sort')).toBeNull();
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(bodyNames()[0]).toBe('Creative A');
    fireEvent.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(bodyNames()[0]).toBe('Creative L');
  });

  it('sorts suppressed counts between zero and the shown counts', () => {
    render(
      <DataTable
        caption="Creatives"
        data={rows}
        columns={columns}
        getRowId={(r) => r.id}
        pageSize={20}
        initialSorting={[{ id: 'impressions', desc: false }]}
      />,
    );
    // Row 0 has 0 impressions, row 3 is suppressed, then the smallest shown count.
    expect(bodyNames().slice(0, 2)).toEqual(['Creative A', 'Creative D']);
  });

  it('pages through rows and reports the range', () => {
    render(<DataTable caption="Creatives" data={rows} columns={columns} getRowId={(r) => r.id} pageSize={10} />);
    expect(screen.getByText('1–10 of 12 rows')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(bodyNames()).toEqual(['Creative K', 'Creative L']);
    expect(screen.getByText('11–12 of 12 rows')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('filters on text and offers to clear a filter that matches nothing', () => {
    render(<DataTable caption="Creatives" data={rows} columns={columns} getRowId={(r) => r.id} />);
    const box = screen.getByLabelText('Filter creatives');
    fireEvent.change(box, { target: { value: 'Creative B' } });
    expect(bodyNames()).toEqual(['Creative B']);
    fireEvent.change(box, { target: { value: 'nothing like this' } });
    expect(screen.getByText(/No rows match/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear the filter' }));
    expect(bodyNames()).toHaveLength(12);
  });

  it('shows the empty state when there are no rows', () => {
    render(
      <DataTable
        caption="Creatives"
        data={[]}
        columns={columns}
        emptyState="No creatives yet: import a platform export."
      />,
    );
    expect(screen.getByText('No creatives yet: import a platform export.')).toBeTruthy();
  });

  it('hides a column from the table and the export', async () => {
    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:x'), revokeObjectURL: () => undefined });
    render(
      <DataTable
        caption="Creatives"
        data={rows}
        columns={columns}
        getRowId={(r) => r.id}
        exportName="Creatives"
        initialSorting={[{ id: 'name', desc: true }]}
      />,
    );
    fireEvent.click(screen.getByRole('checkbox', { name: 'Impressions' }));
    expect(screen.queryByRole('columnheader', { name: /Impressions/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    const text = (await readBlob(blobs[0]!)).replace(/^\ufeff/, '');
    expect(text.split('\r\n').slice(0, 3)).toEqual(['Name', 'Creative L', 'Creative K']);
  });

  it('exports the visible columns of the filtered, sorted rows, suppressed cells as <threshold', async () => {
    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:x'), revokeObjectURL: () => undefined });
    render(
      <DataTable
        caption="Creatives"
        data={rows}
        columns={columns}
        getRowId={(r) => r.id}
        exportName="Creatives"
        pageSize={10}
      />,
    );
    fireEvent.change(screen.getByLabelText('Filter creatives'), { target: { value: 'Creative D' } });
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    const text = (await readBlob(blobs[0]!)).replace(/^\ufeff/, '');
    // The actions column has no data and is left out.
    expect(text).toBe('Name,Impressions\r\nCreative D,<11\r\n');
  });

  it("hands both downloads to the server's export when given one, writing no file of its own", () => {
    const csv = jest.fn();
    const xlsx = jest.fn();
    const created = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: () => undefined });
    render(
      <DataTable
        caption="Segment report"
        data={rows}
        columns={columns}
        getRowId={(r) => r.id}
        onExportCsv={csv}
        onExportXlsx={xlsx}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download XLSX' }));
    expect(csv).toHaveBeenCalledTimes(1);
    expect(xlsx).toHaveBeenCalledTimes(1);
    expect(created).not.toHaveBeenCalled();
  });
});

describe('toCsv', () => {
  it.each([
    [['a'], [['plain']], 'a\r\nplain\r\n'],
    [['a'], [['with, comma']], 'a\r\n"with, comma"\r\n'],
    [['a'], [['say "hi"']], 'a\r\n"say ""hi"""\r\n'],
    [['a'], [['=SUM(A1)']], "a\r\n'=SUM(A1)\r\n"],
    [['n'], [[-5]], 'n\r\n-5\r\n'],
    [['n', 'm'], [[null, undefined]], 'n,m\r\n,\r\n'],
  ])('%j %j', (headers, body, expected) => {
    expect(toCsv(headers, body)).toBe(expected);
  });
});

describe('DataTable downloads by role', () => {
  const session = (role: 'owner' | 'analyst' | 'viewer') => ({
    user: { id: 'u', email: 'a@example.org', role },
    organization: { id: 'o', name: 'Org', suppressionThreshold: 11 },
  });

  it.each([
    ['analyst', 1],
    ['viewer', 0],
  ] as const)('role %s sees %i Download CSV and XLSX button(s) (the API refuses viewers exports)', (role, count) => {
    render(
      <SessionContext.Provider value={session(role) as never}>
        <DataTable
          caption="Figures"
          data={rows}
          columns={columns}
          exportName="figures"
          onExportXlsx={() => undefined}
        />
      </SessionContext.Provider>,
    );
    expect(screen.queryAllByRole('button', { name: 'Download CSV' })).toHaveLength(count);
    expect(screen.queryAllByRole('button', { name: 'Download XLSX' })).toHaveLength(count);
  });
});
