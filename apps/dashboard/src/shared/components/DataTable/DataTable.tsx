import { useId, useRef, useState, type ReactNode } from 'react';
import { useTable, type ColumnVisibilityState, type RowData, type SortingState } from '@tanstack/react-table';
import { useHorizontalOverflow } from '../../hooks/useHorizontalOverflow';
import { useSuppressionThreshold } from '../../hooks/useSuppressionThreshold';
import { can } from '../../session/permissions';
import { useOptionalSession } from '../../session/sessionContext';
import { exportFileName, downloadText } from './csv';
import { dataTableFeatures, type DataTableColumns } from './dataTableFeatures';
import { DataTablePagination } from './DataTablePagination';
import { DataTableToolbar } from './DataTableToolbar';
import { tableToCsv, type ExportScope } from './tableExport';

export interface DataTableProps<T extends RowData> {
  /** Names the table for everyone (a <caption>); `captionHidden` keeps it for screen readers only. */
  caption: string;
  captionHidden?: boolean;
  /** Rows; keep the array stable (memoise or take it straight from a query). */
  data: T[];
  /** From `createDataTableColumnHelper<T>().columns([...])`, defined outside render or memoised. */
  columns: DataTableColumns<T>;
  getRowId?: (row: T, index: number) => string;
  initialSorting?: SortingState;
  initialColumnVisibility?: ColumnVisibilityState;
  pageSize?: number;
  pageSizeOptions?: number[];
  /** A text box filtering rows on every text and number column. Default true. */
  searchable?: boolean;
  /** The filter box's label; default "Filter <caption>". */
  searchLabel?: string;
  /** A "Columns" picker to show and hide columns. Default true. */
  columnPicker?: boolean;
  /**
   * Base of the export file name; a "Download CSV" button appears when set, writing the rows on screen
   * in the browser. For tables that are not analytics (members, audit log …): analytics tables use
   * `onServerExport`, so CSV and XLSX carry the server's columns, suppression and notes.
   */
  exportName?: string;
  /** `all`: every filtered, sorted row (default); `page`: the current page only. */
  exportScope?: ExportScope;
  /** Shows "Download XLSX" and calls this (a server export route). */
  onExportXlsx?: () => void;
  /**
   * Shows "Download CSV" and calls this instead of writing the table on screen: the server's CSV of
   * the same export as `onExportXlsx`, so both files carry the same columns and numbers.
   */
  onExportCsv?: () => void;
  /**
   * Shows "Download CSV" and "Download XLSX", both from one server export (`/exports/<report>.<format>`
   * with the screen's query and columns): the same columns and numbers in both files.
   */
  onServerExport?: (format: 'csv' | 'xlsx') => void;
  /** Shown in place of rows when there are none (before filtering). */
  emptyState?: ReactNode;
  isLoading?: boolean;
  /** Extra controls at the right of the toolbar. */
  actions?: ReactNode;
}

/** "Creatives" → "creatives", but "API keys" stays as it is. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** One table for every feature: sorting, paging, column choice, text filter, CSV of what is on screen. */
export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const {
    caption,
    captionHidden,
    data,
    columns,
    getRowId,
    pageSize = 25,
    searchable = true,
    columnPicker = true,
  } = props;
  const threshold = useSuppressionThreshold();
  const [initialState] = useState(() => ({
    sorting: props.initialSorting ?? [],
    columnVisibility: props.initialColumnVisibility ?? {},
    pagination: { pageIndex: 0, pageSize },
    globalFilter: '',
  }));
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data,
    getRowId,
    initialState,
    globalFilterFn: 'includesString',
  });
  const statusId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const overflowing = useHorizontalOverflow(scrollRef);
  const rows = table.getRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns();
  const filteredCount = table.getPrePaginatedRowModel().rows.length;
  const filter = String(table.state.globalFilter ?? '');

  // Viewers may not export (the API's export routes refuse them): no download buttons for them.
  const session = useOptionalSession();
  const mayExport = session === null || can.exportData(session.user.role);
  const server = props.onServerExport;
  const onExportCsv = !mayExport
    ? undefined
    : server
      ? () => server('csv')
      : props.onExportCsv
        ? props.onExportCsv
        : props.exportName
          ? () =>
              downloadText(
                exportFileName(props.exportName ?? 'export', 'csv'),
                tableToCsv(table, threshold, props.exportScope),
              )
          : undefined;

  return (
    <div className="data-table">
      <DataTableToolbar
        table={table}
        searchable={searchable}
        columnPicker={columnPicker}
        onExportCsv={onExportCsv}
        onExportXlsx={!mayExport ? undefined : server ? () => server('xlsx') : props.onExportXlsx}
        actions={props.actions}
        searchLabel={props.searchLabel ?? `Filter ${lowerFirst(caption)}`}
      />
      {overflowing && (
        <p className="data-table__scroll-hint hint" aria-hidden="true">
          Scroll the table sideways to see every column →
        </p>
      )}
      {/* Focusable only when it scrolls, so keyboard users can scroll it with the arrow keys. */}
      <div
        ref={scrollRef}
        className="data-table__scroll"
        tabIndex={overflowing ? 0 : undefined}
        role={overflowing ? 'region' : undefined}
        aria-label={overflowing ? `${caption} (scrolls sideways)` : undefined}
      >
        <table aria-describedby={statusId} aria-busy={props.isLoading || undefined}>
          <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const numeric = header.column.columnDef.meta?.numeric;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      colSpan={header.colSpan > 1 ? header.colSpan : undefined}
                      aria-sort={sorted ? ARIA_SORT[sorted] : undefined}
                      className={numeric ? 'num' : undefined}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="data-table__sort"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className="data-table__sort-icon">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {props.isLoading ? (
              <tr>
                <td colSpan={visibleColumns.length} className="data-table__message">
                  Loading…
                </td>
              </tr>
            ) : rows.length === 0 ? (
              <tr>
                <td colSpan={visibleColumns.length} className="data-table__message">
                  {data.length === 0 ? (
                    (props.emptyState ?? 'Nothing here yet.')
                  ) : (
                    <>
                      No rows match “{filter}”.{' '}
                      <button type="button" className="link-button" onClick={() => table.setGlobalFilter('')}>
                        Clear the filter
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ) : (
              rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell, index) => {
                    const className = cell.column.columnDef.meta?.numeric ? 'num' : undefined;
                    return index === 0 ? (
                      <th key={cell.id} scope="row" className={className}>
                        <table.FlexRender cell={cell} />
                      </th>
                    ) : (
                      <td key={cell.id} className={className}>
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <DataTablePagination
        table={table}
        statusId={statusId}
        total={data.length}
        filtered={filteredCount}
        pageSizeOptions={props.pageSizeOptions}
      />
    </div>
  );
}
