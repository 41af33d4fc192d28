import type { Column, RowData, Table } from '@tanstack/react-table';
import { exportCellValue, toCsv, type CsvCell } from './csv';
import type { DataTableFeatures } from './dataTableFeatures';

export type ExportScope = 'all' | 'page';

/** The name of a column as the user sees it: `meta.label`, a string header, or the id. */
export function columnLabel<T extends RowData>(column: Column<DataTableFeatures, T, unknown>): string {
  const header = column.columnDef.header;
  return column.columnDef.meta?.label ?? (typeof header === 'string' ? header : column.id);
}

/**
 * What is on screen, as rows of values: the visible data columns, the rows after the filter and
 * sort (every page for `all`, the current page for `page`). Action columns (no accessor) are left out.
 */
export function visibleTableData<T extends RowData>(
  table: Table<DataTableFeatures, T>,
  threshold: number,
  scope: ExportScope = 'all',
): { headers: string[]; rows: CsvCell[][] } {
  const columns = table
    .getVisibleLeafColumns()
    .filter((column) => column.accessorFn !== undefined || column.columnDef.meta?.exportValue !== undefined);
  const rows = scope === 'page' ? table.getPaginatedRowModel().rows : table.getPrePaginatedRowModel().rows;
  return {
    headers: columns.map(columnLabel),
    rows: rows.map((row) =>
      columns.map((column) => {
        const exportValue = column.columnDef.meta?.exportValue;
        return exportValue ? (exportValue(row.original) ?? '') : exportCellValue(row.getValue(column.id), threshold);
      }),
    ),
  };
}

export function tableToCsv<T extends RowData>(
  table: Table<DataTableFeatures, T>,
  threshold: number,
  scope: ExportScope = 'all',
): string {
  const { headers, rows } = visibleTableData(table, threshold, scope);
  return toCsv(headers, rows);
}
