import { useMemo } from 'react';
import type { MetricId } from '@resonance/analytics';
import { METRIC_DEFINITIONS } from '@resonance/analytics';
import { createDataTableColumnHelper, DataTable } from '../../components/DataTable';
import { MetricValue } from '../../components/MetricValue';
import type { TrendPoint } from '../utils/trend';

const col = createDataTableColumnHelper<TrendPoint>();

function wire(value: number | null, suppressed: boolean) {
  return suppressed ? ({ suppressed: true } as const) : value;
}

export interface TrendTableProps {
  points: TrendPoint[];
  /** Shows Download CSV and XLSX: the server's timeseries export of this metric with the screen's query. */
  onServerExport?: (format: 'csv' | 'xlsx') => void;
  metric: MetricId;
  hasComparison: boolean;
}

/** The trend chart's data as a table (the chart's accessible alternative, exportable). */
export function TrendTable({ points, metric, hasComparison, onServerExport }: TrendTableProps) {
  const label = METRIC_DEFINITIONS[metric].label;
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('bucket', { header: 'Period' }),
        col.accessor((p) => wire(p.current, p.currentSuppressed), {
          id: 'current',
          header: label,
          sortFn: 'count',
          meta: { numeric: true },
          cell: (info) => <MetricValue value={info.getValue()} metric={metric} />,
        }),
        ...(hasComparison
          ? [
              col.accessor((p) => p.previousBucket ?? '', { id: 'previousBucket', header: 'Comparison period' }),
              col.accessor((p) => wire(p.previous, p.previousSuppressed), {
                id: 'previous',
                header: `${label} (comparison)`,
                sortFn: 'count',
                meta: { numeric: true },
                cell: (info) => <MetricValue value={info.getValue()} metric={metric} />,
              }),
            ]
          : []),
      ]),
    [label, metric, hasComparison],
  );
  return (
    <DataTable
      caption={`${label} by period`}
      data={points}
      columns={columns}
      onServerExport={onServerExport}
      pageSize={31}
      searchable={false}
    />
  );
}
