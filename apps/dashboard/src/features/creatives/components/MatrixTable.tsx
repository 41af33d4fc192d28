import { createDataTableColumnHelper, DataTable } from '../../../shared/components/DataTable';
import { MetricValue, SuppressedFigure } from '../../../shared/components/MetricValue';
import { formatIntervalBounds, formatSignedPercent, isSuppressedValue, platformLabel } from '../../../shared/format';
import type { MatrixRow } from '../utils/matrixRows';
import { chanceText, VERDICT_LABELS } from '../../../shared/analytics/utils/verdictWords';

const col = createDataTableColumnHelper<MatrixRow>();
const pFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 2 });

const columns = col.columns([
  col.accessor('segment', { header: 'Segment' }),
  col.accessor('creative', { header: 'Creative' }),
  col.accessor((r) => platformLabel(r.platform), { id: 'platform', header: 'Platform' }),
  col.accessor('impressions', {
    header: 'Impressions',
    sortFn: 'count',
    meta: { numeric: true },
    cell: (i) => <MetricValue value={i.getValue()} metric="impressions" />,
  }),
  col.accessor('engagements', {
    header: 'Engagements',
    sortFn: 'count',
    meta: { numeric: true },
    cell: (i) => <MetricValue value={i.getValue()} metric="engagements" />,
  }),
  col.accessor('engagementRate', {
    header: 'Engagement rate',
    sortFn: 'count',
    meta: { numeric: true },
    cell: (i) => <MetricValue value={i.getValue()} metric="engagementRate" />,
  }),
  col.accessor(
    (r) =>
      r.interval && !isSuppressedValue(r.interval)
        ? formatIntervalBounds(r.interval)
        : isSuppressedValue(r.interval)
          ? '<11'
          : '',
    {
      id: 'interval',
      header: '95% interval',
      cell: (i) => (isSuppressedValue(i.row.original.interval) ? <SuppressedFigure as="rate" /> : i.getValue()),
    },
  ),
  col.accessor((r) => (isSuppressedValue(r.lift) ? '<11' : r.lift === null ? '' : formatSignedPercent(r.lift)), {
    id: 'lift',
    header: 'Lift vs segment average',
    meta: { numeric: true },
    cell: (i) => (isSuppressedValue(i.row.original.lift) ? <SuppressedFigure as="rate" /> : i.getValue()),
  }),
  col.accessor((r) => (r.probabilityToBeBest === null ? '' : chanceText(r.probabilityToBeBest)), {
    id: 'pbest',
    header: 'Chance of being best',
    meta: { numeric: true },
  }),
  col.accessor((r) => (r.pValue === null ? '' : pFormat.format(r.pValue)), {
    id: 'pValue',
    header: 'p-value vs leader (Holm)',
    meta: { numeric: true },
  }),
  col.accessor((r) => VERDICT_LABELS[r.verdict], { id: 'verdict', header: 'Verdict' }),
]);

export interface MatrixTableProps {
  rows: MatrixRow[];
  /** Download CSV and XLSX: the server's creatives export (the same columns, the interval as its bounds). */
  onServerExport: (format: 'csv' | 'xlsx') => void;
}

/** Every creative × segment cell, sortable and exportable. */
export function MatrixTable({ rows, onServerExport }: MatrixTableProps) {
  return (
    <div className="matrix-table">
      <DataTable
        caption="Creative × segment matrix"
        data={rows}
        columns={columns}
        getRowId={(r) => r.id}
        onServerExport={onServerExport}
        initialColumnVisibility={{ pValue: false }}
        pageSize={50}
      />
    </div>
  );
}
