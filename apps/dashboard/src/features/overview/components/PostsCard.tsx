import { useMemo } from 'react';
import type { ReportedPeriodRow } from '@resonance/contracts';
import { ChartCard } from '../../../shared/components/ChartCard';
import { createDataTableColumnHelper, DataTable } from '../../../shared/components/DataTable';
import { FormError } from '../../../shared/components/FormError';
import { MetricDefinition } from '../../../shared/components/MetricDefinition';
import { formatCount, formatRateWithInterval, platformLabel } from '../../../shared/format';
import { useSuppressionThreshold } from '../../../shared/hooks/useSuppressionThreshold';
import { toAnalyticsParams, type AnalyticsFilters } from '../../../shared/analytics/api/analyticsQuery';
import { useXlsxExport } from '../../../shared/analytics/hooks/useXlsxExport';
import { useReportedPeriodsQuery } from '../../../shared/analytics/api/analyticsApi';
import { describeGrain, describePeriod } from '../../../shared/analytics/utils/platformFigures';

interface PostRow {
  id: string;
  name: string;
  platform: string;
  period: string;
  grain: string;
  included: boolean;
  source: ReportedPeriodRow;
}

const col = createDataTableColumnHelper<PostRow>();

export interface PostsCardProps {
  filters: AnalyticsFilters;
}

/**
 * Container: per-post (lifetime) and multi-day figures from platform exports, each at the period it
 * covers — the figures a daily chart cannot place. Hidden when there are none in or around the period.
 */
export function PostsCard({ filters }: PostsCardProps) {
  const threshold = useSuppressionThreshold();
  const query = useReportedPeriodsQuery(filters);
  const xlsx = useXlsxExport('posts');
  const rows = useMemo(
    (): PostRow[] =>
      (query.data?.rows ?? []).map((r, i) => ({
        id: `${i}`,
        name: r.creativeName ?? 'Whole campaign',
        platform: platformLabel(r.platform),
        period: describePeriod(r.periodStart, r.periodEnd),
        grain: describeGrain(r.grain),
        included: r.included,
        source: r,
      })),
    [query.data],
  );
  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('name', { header: 'Post or creative' }),
        col.accessor('platform', { header: 'Platform' }),
        col.accessor('period', { header: 'Period covered' }),
        col.accessor('grain', { header: 'Reported' }),
        col.accessor('included', {
          header: 'In the totals',
          cell: (i) => (i.getValue() ? 'Yes' : 'No: straddles the range'),
        }),
        col.accessor((r) => r.source.impressions, {
          id: 'impressions',
          header: 'Impressions',
          sortFn: 'count',
          meta: { numeric: true },
          cell: (i) => formatCount(i.getValue(), threshold),
        }),
        col.accessor((r) => r.source.engagements, {
          id: 'engagements',
          header: 'Engagements',
          sortFn: 'count',
          meta: { numeric: true },
          cell: (i) => formatCount(i.getValue(), threshold),
        }),
        col.accessor((r) => r.source.engagementRate, {
          id: 'engagementRate',
          header: 'Engagement rate (95% interval)',
          sortFn: 'count',
          meta: { numeric: true },
          cell: (i) => formatRateWithInterval(i.getValue(), i.row.original.source.interval, threshold),
        }),
        col.accessor((r) => r.source.platformReach, {
          id: 'platformReach',
          header: "Platform's reach",
          sortFn: 'count',
          meta: { numeric: true },
          cell: (i) => (i.getValue() === null ? 'Not reported' : formatCount(i.getValue(), threshold)),
        }),
      ]),
    [threshold],
  );
  if (!query.data || rows.length === 0) return null;
  const info = query.data.meta.reportedPeriods;
  return (
    <ChartCard
      title="Posts and multi-day figures"
      titleExtra={<MetricDefinition metric="engagementRate" />}
      description={query.data.note}
      height={200}
    >
      <FormError error={xlsx.error} />
      <DataTable
        caption="Figures platforms reported per post or for several days"
        captionHidden
        data={rows}
        columns={columns}
        getRowId={(r) => r.id}
        onServerExport={(format) => xlsx.exportAs(format, toAnalyticsParams({ ...filters, compare: 'none' }))}
        pageSize={10}
      />
      {info && <p className="reported-note">{info.note}</p>}
      {query.data.omitted > 0 && (
        <p className="reported-note">{query.data.omitted} more are not listed: narrow the period or pick a campaign.</p>
      )}
    </ChartCard>
  );
}
