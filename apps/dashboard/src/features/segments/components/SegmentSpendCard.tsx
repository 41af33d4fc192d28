import { useMemo } from 'react';
import type { SpendFigures } from '@resonance/contracts';
import { ChartCard } from '../../../shared/components/ChartCard';
import { createDataTableColumnHelper, DataTable } from '../../../shared/components/DataTable';
import { FormError } from '../../../shared/components/FormError';
import { formatCost, formatMoney } from '../../../shared/format';
import { useSuppressionThreshold } from '../../../shared/hooks/useSuppressionThreshold';
import type { AnalyticsFilters } from '../../../shared/analytics/api/analyticsQuery';
import { segmentReportParams, useSegmentReportQuery } from '../../../shared/analytics/api/analyticsApi';
import { useXlsxExport } from '../../../shared/analytics/hooks/useXlsxExport';

interface SpendRow extends SpendFigures {
  id: string;
  segment: string;
}

const col = createDataTableColumnHelper<SpendRow>();

export interface SegmentSpendCardProps {
  filters: AnalyticsFilters;
  segmentIds: string[];
}

/**
 * Container: spend and cost per segment and currency, from the rows of platform exports that carry
 * spend and answer the segment's rules. Hidden when no import carried spend for the period.
 */
export function SegmentSpendCard({ filters, segmentIds }: SegmentSpendCardProps) {
  const threshold = useSuppressionThreshold();
  const query = useSegmentReportQuery(filters, segmentIds);
  const xlsx = useXlsxExport('segment-spend');
  const rows = useMemo(
    (): SpendRow[] =>
      (query.data?.rows ?? []).flatMap((row) =>
        row.spend.map((s) => ({ ...s, id: `${row.segment.id}|${s.currency}`, segment: row.segment.name })),
      ),
    [query.data],
  );
  const definitions = query.data?.meta.costDefinitions;
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('segment', { header: 'Segment' }),
        col.accessor('currency', { header: 'Currency' }),
        col.accessor('spend', {
          header: definitions?.spend.label ?? 'Spend',
          meta: { numeric: true },
          cell: (i) => formatMoney(i.getValue(), i.row.original.currency),
        }),
        ...(['cpm', 'costPerClick', 'costPerEngagement', 'costPerResourceClick'] as const).map((id) =>
          col.accessor(id, {
            header: definitions?.[id].label ?? id,
            sortFn: 'count',
            meta: { numeric: true },
            cell: (i) => formatCost(i.getValue(), i.row.original.currency, threshold),
          }),
        ),
      ]),
    [definitions, threshold],
  );
  if (rows.length === 0) return null;
  return (
    <ChartCard
      title="Spend and cost by segment"
      description={
        <>
          Spend from the platform exports&apos; rows that match each segment&apos;s rules (posts reported without an age
          or gender breakdown count only under Everyone). One row per currency: amounts in different currencies are
          never added. {definitions?.cpm.description}
        </>
      }
      height={160}
    >
      <FormError error={xlsx.error} />
      <DataTable
        caption="Spend and cost by segment"
        captionHidden
        data={rows}
        columns={columns}
        getRowId={(r) => r.id}
        columnPicker={false}
        onServerExport={(format) => xlsx.exportAs(format, segmentReportParams(filters, segmentIds))}
        pageSize={25}
      />
    </ChartCard>
  );
}
