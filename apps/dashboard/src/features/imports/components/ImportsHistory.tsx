import type { ImportSummary } from '@resonance/contracts';
import { createDataTableColumnHelper, DataTable } from '../../../shared/components/DataTable';
import { formatDateTime } from '../../../shared/format';
import { useImportsQuery } from '../api/importsApi';
import { formatLabel } from '../utils/importErrors';

const col = createDataTableColumnHelper<ImportSummary>();
const columns = col.columns([
  col.accessor('createdAt', {
    header: 'When',
    cell: (i) => formatDateTime(i.getValue()),
    meta: { exportValue: (r) => r.createdAt },
  }),
  col.accessor('fileName', { header: 'File' }),
  col.accessor((r) => formatLabel(r.format), { id: 'format', header: 'Format' }),
  col.accessor('rowsRead', { header: 'Rows read', meta: { numeric: true } }),
  col.accessor('rowsNew', { header: 'New', meta: { numeric: true } }),
  col.accessor('rowsRevised', { header: 'Revised', meta: { numeric: true } }),
  col.accessor('rowsDuplicate', { header: 'Unchanged', meta: { numeric: true } }),
  col.accessor('rowsRejected', { header: 'Refused', meta: { numeric: true } }),
  col.accessor('creativesRegistered', { header: 'New creatives', meta: { numeric: true } }),
]);

/** Every import of the organisation, newest first. */
export function ImportsHistory() {
  const query = useImportsQuery();
  return (
    <section className="card" aria-labelledby="imports-history-title">
      <h2 id="imports-history-title" className="chart-card__title">
        Import history
      </h2>
      {query.isError ? (
        <p role="alert">
          Could not load the import history.{' '}
          <button type="button" className="button button--small" onClick={() => void query.refetch()}>
            Retry
          </button>
        </p>
      ) : (
        <div className="table-nowrap">
          <DataTable
            caption="Import history"
            captionHidden
            data={query.data?.items ?? []}
            columns={columns}
            getRowId={(r) => r.id}
            isLoading={query.isPending}
            exportName="imports"
            emptyState="No imports yet: drop a platform export above."
            initialSorting={[{ id: 'createdAt', desc: true }]}
          />
        </div>
      )}
    </section>
  );
}
