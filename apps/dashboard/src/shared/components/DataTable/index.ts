export { DataTable, type DataTableProps } from './DataTable';
export {
  createDataTableColumnHelper,
  countSortKey,
  dataTableFeatures,
  type DataTableColumns,
  type DataTableFeatures,
} from './dataTableFeatures';
export { toCsv, exportCellValue, exportFileName, downloadText, type CsvCell } from './csv';
export { visibleTableData, tableToCsv, type ExportScope } from './tableExport';
