import { useMemo } from 'react';
import type { MetricId } from '@resonance/analytics';
import { createDataTableColumnHelper, DataTable } from '../../components/DataTable';
import { MetricValue } from '../../components/MetricValue';
import type { ShareDatum } from '../utils/breakdownShares';

const col = createDataTableColumnHelper<ShareDatum>();

export interface ShareTableProps {
  caption: string;
  dimensionLabel: string;
  metric: MetricId;
  metricLabel: string;
  items: ShareDatum[];
  /** Whether the metric has a share of the total (impressions, engagements, reach): the share column. */
  showShare: boolean;
  /** Download CSV and XLSX: the server's breakdown export with the screen's query and columns. */
  onServerExport?: (format: 'csv' | 'xlsx') => void;
}

/** A breakdown chart's data as a table: value and share of the total per row. */
export function ShareTable({
  caption,
  dimensionLabel,
  metric,
  metricLabel,
  items,
  showShare,
  onServerExport,
}: ShareTableProps) {
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('label', { header: dimensionLabel }),
        col.accessor((r) => (r.suppressed ? ({ suppressed: true } as const) : r.value), {
          id: 'value',
          header: metricLabel,
          sortFn: 'count',
          meta: { numeric: true },
          cell: (info) => <MetricValue value={info.getValue()} metric={metric} />,
        }),
        ...(showShare
          ? [
              col.accessor('share', {
                header: 'Share of total',
                meta: { numeric: true },
                cell: (info) => <MetricValue value={info.getValue()} format="percent" />,
              }),
            ]
          : []),
      ]),
    [dimensionLabel, metric, metricLabel, showShare],
  );
  return (
    <DataTable
      caption={caption}
      data={items}
      columns={columns}
      onServerExport={onServerExport}
      searchable={false}
      columnPicker={false}
    />
  );
}
