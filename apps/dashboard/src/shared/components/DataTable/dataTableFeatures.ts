import {
  columnFilteringFeature,
  columnVisibilityFeature,
  constructSortFn,
  createColumnHelper,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  type CellData,
  type RowData,
  type TableFeatures,
  type TableOptions,
} from '@tanstack/react-table';

declare module '@tanstack/table-core' {
  // Declaration merging needs the library's exact type parameters, used or not.
  /* eslint-disable @typescript-eslint/no-unused-vars */
  interface ColumnMeta<
    in out TFeatures extends TableFeatures,
    in out TData extends RowData,
    TValue extends CellData = CellData,
  > {
    /** Column name for the column picker and the CSV header when `header` is not a plain string. */
    label?: string;
    /** Right-aligned, tabular figures. */
    numeric?: boolean;
    /** The value written to CSV for this column; default: the cell value (suppressed counts as "<11"). */
    exportValue?: (row: TData) => string | number | null | undefined;
  }
  /* eslint-enable @typescript-eslint/no-unused-vars */
}

/** Suppressed counts (`{ suppressed: true }`, 1…threshold−1) sort between 0 and the visible counts. */
export function countSortKey(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true)
    return 0.5;
  return -1;
}

const sortFn_count = constructSortFn({
  sort: (a: unknown, b: unknown) => countSortKey(a) - countSortKey(b),
});

/** The feature set every DataTable uses: sorting, global filter, pagination, column visibility. */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  columnFilteringFeature,
  globalFilteringFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
  sortedRowModel: createSortedRowModel(),
  filteredRowModel: createFilteredRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  sortFns: {
    alphanumeric: sortFn_alphanumeric,
    text: sortFn_text,
    datetime: sortFn_datetime,
    basic: sortFn_basic,
    count: sortFn_count,
  },
  filterFns: { includesString: filterFn_includesString },
});

export type DataTableFeatures = typeof dataTableFeatures;

/** Column definitions for a DataTable of `T`: `columnHelper.columns([...])` gives this type. */
export type DataTableColumns<T extends RowData> = TableOptions<DataTableFeatures, T>['columns'];

/** `const col = createDataTableColumnHelper<Campaign>(); const columns = col.columns([col.accessor('name', { header: 'Name' })])` */
export function createDataTableColumnHelper<T extends RowData>() {
  return createColumnHelper<DataTableFeatures, T>();
}
