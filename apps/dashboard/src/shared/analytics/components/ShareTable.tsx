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
  exportName: string;
  onExportXlsx?: () => void;
}

/** A breakdown chart's data as a table: value and share of the total per row. */
export function ShareTable({
  caption,
  dimensionLabel,
  metric,
  metricLabel,
  items,
  exportName,
  onExportXlsx,
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
        col.accessor('share', {
          header: 'Share of total',
          meta: { numeric: true },
          cell: (info) => <MetricValue value={info.getValue()} format="percent" />,
        }),
      ]),
    [dimensionLabel, metric, metricLabel],
  );
  return (
    <DataTable
      caption={caption}
      data={items}
      columns={columns}
      exportName={exportName}
      onExportXlsx={onExportXlsx}
      searchable={false}
      columnPicker={false}
    />
  );
}
