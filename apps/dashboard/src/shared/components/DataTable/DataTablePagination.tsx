import { useId } from 'react';
import type { ReactTable, RowData } from '@tanstack/react-table';
import type { DataTableFeatures } from './dataTableFeatures';

interface DataTablePaginationProps<T extends RowData> {
  table: ReactTable<DataTableFeatures, T>;
  statusId: string;
  total: number;
  filtered: number;
  pageSizeOptions?: number[];
}

const fmt = new Intl.NumberFormat();

export function DataTablePagination<T extends RowData>({
  table,
  statusId,
  total,
  filtered,
  pageSizeOptions = [10, 25, 50, 100],
}: DataTablePaginationProps<T>) {
  const sizeId = useId();
  const { pageIndex, pageSize } = table.state.pagination;
  const pageCount = Math.max(1, table.getPageCount());
  const first = filtered === 0 ? 0 : pageIndex * pageSize + 1;
  const last = Math.min(filtered, (pageIndex + 1) * pageSize);
  const summary =
    total === 1
      ? '1 row'
      : filtered === total
        ? `${fmt.format(first)}–${fmt.format(last)} of ${fmt.format(total)} rows`
        : `${fmt.format(first)}–${fmt.format(last)} of ${fmt.format(filtered)} matching rows (${fmt.format(total)} in all)`;
  const showControls = total > Math.min(pageSize, ...pageSizeOptions);
  return (
    <div className="data-table__footer">
      <p id={statusId} className="muted" role="status" aria-live="polite">
        {total === 0 ? 'No rows' : summary}
      </p>
      {showControls && (
        <nav className="data-table__pager" aria-label="Table pages">
          <label htmlFor={sizeId}>Rows per page</label>
          <select id={sizeId} value={pageSize} onChange={(e) => table.setPageSize(Number(e.target.value))}>
            {pageSizeOptions.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            onClick={() => table.previousPage()}
            disabled={!table.getCanPreviousPage()}
          >
            Previous
          </button>
          <span>
            Page {pageIndex + 1} of {pageCount}
          </span>
          <button type="button" className="button" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
