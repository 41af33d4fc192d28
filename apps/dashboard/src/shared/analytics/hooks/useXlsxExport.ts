import { useCallback } from 'react';
import { useApiDownload } from '../../api/download';
import type { ExportName, QueryParams } from '../api/analyticsQuery';

/**
 * The server's XLSX (or CSV: the same columns and numbers) export of a view, with the same query as
 * the screen (notes, definitions and suppression included by the server), named by the period.
 * `error` holds the server's message when it refuses.
 */
export function useXlsxExport(name: ExportName) {
  const { download, pending, error } = useApiDownload();
  const exportXlsx = useCallback(
    (params: QueryParams) => void download(`/exports/${name}.xlsx`, params, `${name}.xlsx`),
    [download, name],
  );
  const exportCsv = useCallback(
    (params: QueryParams) => void download(`/exports/${name}.csv`, params, `${name}.csv`),
    [download, name],
  );
  /** For `DataTable onServerExport`: the same query as CSV or XLSX. */
  const exportAs = useCallback(
    (format: 'csv' | 'xlsx', params: QueryParams) =>
      void download(`/exports/${name}.${format}`, params, `${name}.${format}`),
    [download, name],
  );
  return { exportXlsx, exportCsv, exportAs, pending, error };
}
