import { useMemo } from 'react';
import { ChartCard } from '../../components/ChartCard';
import { createDataTableColumnHelper, DataTable } from '../../components/DataTable';
import { FormError } from '../../components/FormError';
import { formatCount } from '../../format';
import { useSuppressionThreshold } from '../../hooks/useSuppressionThreshold';
import { toAnalyticsParams, type AnalyticsFilters } from '../api/analyticsQuery';
import { useBreakdownQuery, useSummaryQuery } from '../api/analyticsApi';
import { useXlsxExport } from '../hooks/useXlsxExport';
import { toPlatformReachRows, type PlatformReachRow } from '../utils/platformFigures';

const col = createDataTableColumnHelper<PlatformReachRow>();

export interface PlatformReachCardProps {
  filters: AnalyticsFilters;
}

/**
 * Container: reach as the platforms reported it, each figure at the grain it was given (a post's
 * lifetime, a day per ad and audience cell …), beside — never added to — the de-duplicated reach of
 * the headline figures. Hidden when no import reported reach for the period.
 */
export function PlatformReachCard({ filters }: PlatformReachCardProps) {
  const threshold = useSuppressionThreshold();
  const summary = useSummaryQuery(filters);
  const xlsx = useXlsxExport('platform-reach');
  const reported = summary.data?.meta.reach.platformReported ?? [];
  // Creative names only when there is a platform figure to name (the card is hidden otherwise).
  const creatives = useBreakdownQuery(filters, 'creative', {}, reported.length > 0);
  const names = useMemo(
    () => new Map((creatives.data?.rows ?? []).map((r) => [r.key[0]?.value ?? '', r.key[0]?.label ?? ''])),
    [creatives.data],
  );
  const reach = summary.data?.meta.reach;
  const rows = useMemo(() => toPlatformReachRows(reach?.platformReported ?? [], names), [reach, names]);
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('platform', { header: 'Platform' }),
        col.accessor('creative', { header: 'Creative or post' }),
        col.accessor('period', { header: 'Period' }),
        col.accessor('cell', { header: 'Audience', cell: (i) => i.getValue() || 'Everyone' }),
        col.accessor('grain', { header: 'Reported' }),
        col.accessor('reach', {
          header: "Platform's reach",
          sortFn: 'count',
          meta: { numeric: true },
          cell: (i) => formatCount(i.getValue(), threshold),
        }),
      ]),
    [threshold],
  );
  if (!reach || rows.length === 0) return null;
  const omitted = reach.platformReportedOmitted ?? 0;
  return (
    <ChartCard
      title="Reach as the platforms reported it"
      description={
        <>
          Each figure is the platform&apos;s own, at the grain it reported (per post, or per day, ad and audience cell).
          They are never added together or to the reach above, which counts distinct people in your own data once.
          {omitted > 0 && ` The first ${rows.length} figures are listed, in period order; ${omitted} more are not.`}
        </>
      }
      height={200}
    >
      <FormError error={xlsx.error} />
      <DataTable
        caption="Reach reported by platforms"
        captionHidden
        data={rows}
        columns={columns}
        getRowId={(r) => r.key}
        columnPicker={false}
        onServerExport={(format) => xlsx.exportAs(format, toAnalyticsParams(filters))}
        pageSize={10}
      />
    </ChartCard>
  );
}
