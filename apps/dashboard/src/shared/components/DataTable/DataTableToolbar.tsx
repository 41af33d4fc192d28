import { useId, type ReactNode } from 'react';
import type { ReactTable, RowData } from '@tanstack/react-table';
import type { DataTableFeatures } from './dataTableFeatures';
import { columnLabel } from './tableExport';

interface DataTableToolbarProps<T extends RowData> {
  table: ReactTable<DataTableFeatures, T>;
  searchable: boolean;
  searchLabel: string;
  columnPicker: boolean;
  onExportCsv?: () => void;
  onExportXlsx?: () => void;
  actions?: ReactNode;
}

export function DataTableToolbar<T extends RowData>({
  table,
  searchable,
  searchLabel,
  columnPicker,
  onExportCsv,
  onExportXlsx,
  actions,
}: DataTableToolbarProps<T>) {
  const searchId = useId();
  const hideable = table.getAllLeafColumns().filter((column) => column.getCanHide());
  const filter = String(table.state.globalFilter ?? '');
  if (!searchable && !columnPicker && !onExportCsv && !onExportXlsx && !actions) return null;
  return (
    <div className="data-table__toolbar">
      {searchable && (
        <div className="data-table__search">
          <label htmlFor={searchId}>{searchLabel}</label>
          <input
            id={searchId}
            type="search"
            value={filter}
            onChange={(e) => table.setGlobalFilter(e.target.value)}
            placeholder="Type to filter"
          />
        </div>
      )}
      <div className="data-table__actions">
        {columnPicker && hideable.length > 1 && (
          <details className="disclosure">
            <summary className="button">Columns</summary>
            <fieldset className="disclosure__panel">
              <legend>Show columns</legend>
              {hideable.map((column) => (
                <label key={column.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={column.getIsVisible()}
                    // Keep at least one column on screen.
                    disabled={column.getIsVisible() && table.getVisibleLeafColumns().length === 1}
                    onChange={(e) => column.toggleVisibility(e.target.checked)}
                  />
                  {columnLabel(column)}
                </label>
              ))}
            </fieldset>
          </details>
        )}
        {onExportCsv && (
          <button type="button" className="button" onClick={onExportCsv}>
            Download CSV
          </button>
        )}
        {onExportXlsx && (
          <button type="button" className="button" onClick={onExportXlsx}>
            Download XLSX
          </button>
        )}
        {actions}
      </div>
    </div>
  );
}
