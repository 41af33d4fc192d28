import { useMemo } from 'react';
import { METRIC_DEFINITIONS } from '@resonance/analytics';
import { createDataTableColumnHelper, DataTable } from '../../../shared/components/DataTable';
import { MetricValue } from '../../../shared/components/MetricValue';
import { formatSignedChange, formatSignedPercent } from '../../../shared/format';
import { REPORT_METRICS, type ReportMetric, type ReportRow } from '../../../shared/analytics/utils/reportTable';

const col = createDataTableColumnHelper<ReportRow>();

function metricColumns(metric: ReportMetric, threshold: number) {
  const label = METRIC_DEFINITIONS[metric].label;
  const change = (r: ReportRow) =>
    metric === 'engagementRate'
      ? formatSignedChange(r[`${metric}Change`], 'rate', threshold)
      : formatSignedPercent(r[`${metric}Change`], threshold);
  return [
    col.accessor((r) => r[metric], {
      id: metric,
      header: label,
      sortFn: 'count',
      meta: {
        numeric: true,
        label: METRIC_DEFINITIONS[metric].kind === 'rate' ? `${label} (%)` : label,
      },
      cell: (i) => <MetricValue value={i.getValue()} metric={metric} />,
    }),
    col.accessor((r) => r[`${metric}Change`], {
      id: `${metric}Change`,
      header: metric === 'engagementRate' ? 'Δ pts' : 'Δ%',
      sortFn: 'count',
      meta: {
        numeric: true,
        label: metric === 'engagementRate' ? `${label} change (percentage points)` : `${label} change (%)`,
      },
      cell: (i) => change(i.row.original),
    }),
  ];
}

export interface ReportSegmentTableProps {
  rows: ReportRow[];
  threshold: number;
  /** The server's export of the report's metrics: the same columns and numbers in both files. */
  onExportXlsx: () => void;
  onExportCsv: () => void;
}

/** Every segment with the headline metrics and their change: the table a board or funder reads. */
export function ReportSegmentTable({ rows, threshold, onExportXlsx, onExportCsv }: ReportSegmentTableProps) {
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('segment', { header: 'Segment' }),
        ...REPORT_METRICS.flatMap((m) => metricColumns(m, threshold)),
      ]),
    [threshold],
  );
  return (
    <div className="nums-nowrap">
      <DataTable
        caption="Segment report"
        captionHidden
        data={rows}
        columns={columns}
        getRowId={(r) => r.id}
        onExportCsv={onExportCsv}
        onExportXlsx={onExportXlsx}
        pageSize={100}
        searchable={false}
        columnPicker={false}
      />
    </div>
  );
}
