import { useMemo } from 'react';
import { Link } from 'react-router';
import { ChartCard } from '../../../shared/components/ChartCard';
import { createDataTableColumnHelper, DataTable } from '../../../shared/components/DataTable';
import { MetricDefinition } from '../../../shared/components/MetricDefinition';
import { MetricValue } from '../../../shared/components/MetricValue';
import { FormError } from '../../../shared/components/FormError';
import { toAnalyticsParams, type AnalyticsFilters } from '../../../shared/analytics/api/analyticsQuery';
import { useXlsxExport } from '../../../shared/analytics/hooks/useXlsxExport';
import { useBreakdownQuery, useGroupedBreakdownQuery } from '../../../shared/analytics/api/analyticsApi';
import { toTopCreatives, type TopCreativeRow } from '../utils/topCreatives';

const col = createDataTableColumnHelper<TopCreativeRow>();
/** The table's metric columns, in order; the download carries the same. */
const TOP_CREATIVE_METRICS = ['impressions', 'engagements', 'engagementRate', 'resourceClicks'] as const;
const columns = col.columns([
  col.accessor('name', { header: 'Creative' }),
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
  col.accessor('resourceClicks', {
    header: 'Resource clicks',
    sortFn: 'count',
    meta: { numeric: true },
    cell: (i) => <MetricValue value={i.getValue()} metric="resourceClicks" />,
  }),
]);

export interface TopCreativesCardProps {
  filters: AnalyticsFilters;
  /** The compare page with the same filters. */
  compareHref: string;
  /** The page's breakdowns (with `creative`): one request with the page's breakdown cards. */
  group?: readonly string[];
}

/** Container: the five creatives with the most engagements, and the way to compare them fairly. */
export function TopCreativesCard({ filters, compareHref, group }: TopCreativesCardProps) {
  const single = useBreakdownQuery(filters, 'creative', {}, group === undefined);
  const grouped = useGroupedBreakdownQuery(filters, group ?? [], 'creative', group !== undefined);
  const query = group === undefined ? single : grouped;
  const xlsx = useXlsxExport('breakdown');
  const rows = useMemo(() => (query.data ? toTopCreatives(query.data, 5) : []), [query.data]);
  return (
    <ChartCard
      title="Top creatives"
      titleExtra={<MetricDefinition metric="engagements" />}
      description={
        <>
          By engagements. Raw counts favour creatives shown more:{' '}
          <Link to={compareHref}>compare creatives per segment</Link> to see which really works best.
        </>
      }
      isLoading={query.isPending}
      error={query.error}
      onRetry={() => void query.refetch()}
      isEmpty={rows.length === 0}
      emptyMessage="No creatives have figures in this period."
      height={200}
    >
      <FormError error={xlsx.error} />
      <DataTable
        caption="Top creatives by engagements"
        captionHidden
        data={rows}
        columns={columns}
        getRowId={(r) => r.id}
        searchable={false}
        columnPicker={false}
        onServerExport={(format) =>
          xlsx.exportAs(
            format,
            toAnalyticsParams(
              { ...filters, compare: 'none' },
              { by: 'creative', metric: TOP_CREATIVE_METRICS.join(',') },
            ),
          )
        }
        pageSize={5}
      />
    </ChartCard>
  );
}
