import { useMemo, useState } from 'react';
import { METRIC_DEFINITIONS, type MetricId } from '@resonance/analytics';
import { ANALYTICS_METRIC_IDS } from '@resonance/contracts';
import { ChartCard } from '../../../shared/components/ChartCard';
import { createDataTableColumnHelper, DataTable } from '../../../shared/components/DataTable';
import { MetricDefinition } from '../../../shared/components/MetricDefinition';
import { MetricValue } from '../../../shared/components/MetricValue';
import { useSuppressionThreshold } from '../../../shared/hooks/useSuppressionThreshold';
import { FormError } from '../../../shared/components/FormError';
import type { AnalyticsFilters } from '../../../shared/analytics/api/analyticsQuery';
import { useXlsxExport } from '../../../shared/analytics/hooks/useXlsxExport';
import { formatRange, formatSignedChange, formatSignedPercent } from '../../../shared/format';
import { segmentReportParams, useSegmentReportQuery } from '../../../shared/analytics/api/analyticsApi';
import { toSegmentReportRows, type SegmentReportRow } from '../utils/segmentReport';

const col = createDataTableColumnHelper<SegmentReportRow>();

function reportColumns(metric: MetricId, threshold: number) {
  const kind = METRIC_DEFINITIONS[metric].kind === 'rate' ? 'rate' : 'count';
  const unit = kind === 'rate' ? ' (%)' : '';
  return col.columns([
    col.accessor('name', { header: 'Segment' }),
    col.accessor('rules', { header: 'Rule' }),
    col.accessor('current', {
      header: 'This period',
      sortFn: 'count',
      meta: {
        numeric: true,
        label: `This period${unit}`,
      },
      cell: (i) => <MetricValue value={i.getValue()} metric={metric} />,
    }),
    col.accessor('previous', {
      header: 'Previous period',
      sortFn: 'count',
      meta: {
        numeric: true,
        label: `Previous period${unit}`,
      },
      cell: (i) => <MetricValue value={i.getValue()} metric={metric} />,
    }),
    col.accessor('change', {
      header: 'Δ',
      sortFn: 'count',
      meta: {
        numeric: true,
        label: kind === 'rate' ? 'Change (percentage points)' : 'Change',
      },
      cell: (i) => formatSignedChange(i.getValue(), kind, threshold),
    }),
    col.accessor('changePercent', {
      header: 'Δ%',
      sortFn: 'count',
      meta: {
        numeric: true,
        label: 'Change (%)',
      },
      cell: (i) => formatSignedPercent(i.getValue(), threshold),
    }),
  ]);
}

export interface SegmentReportCardProps {
  filters: AnalyticsFilters;
  segmentIds: string[];
  initialMetric?: MetricId;
  /** Print layout: no pagination controls to speak of, every row. */
  pageSize?: number;
}

/**
 * The segment report: one row per segment, this period against the previous one. Both downloads are
 * the server's export of this metric (segment, rule, this period, previous period, change, change %):
 * the same columns and numbers in CSV and XLSX, named by the period.
 */
export function SegmentReportCard({
  filters,
  segmentIds,
  initialMetric = 'engagementRate',
  pageSize = 25,
}: SegmentReportCardProps) {
  const [metric, setMetric] = useState<MetricId>(initialMetric);
  const threshold = useSuppressionThreshold();
  const query = useSegmentReportQuery(filters, segmentIds);
  const rows = useMemo(() => (query.data ? toSegmentReportRows(query.data, metric) : []), [query.data, metric]);
  const columns = useMemo(() => reportColumns(metric, threshold), [metric, threshold]);
  const params = segmentReportParams(filters, segmentIds);
  const xlsx = useXlsxExport('segments');
  const period = query.data?.meta.query.comparisonPeriod;
  return (
    <ChartCard
      title="Segment report"
      titleExtra={<MetricDefinition metric={metric} />}
      description={
        <>
          {METRIC_DEFINITIONS[metric].label}, {formatRange(filters.from, filters.to)}
          {period && ` against ${formatRange(period.from, period.to)}`}.{' '}
          {query.data?.note ?? 'Segments may overlap: rows are not additive.'}
        </>
      }
      isLoading={query.isPending}
      error={query.error}
      onRetry={() => void query.refetch()}
      actions={
        <label className="inline-field">
          <span>Metric</span>
          <select value={metric} onChange={(e) => setMetric(e.target.value as MetricId)}>
            {ANALYTICS_METRIC_IDS.map((id) => (
              <option key={id} value={id}>
                {METRIC_DEFINITIONS[id].label}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <FormError error={xlsx.error} />
      <div className="nums-nowrap" aria-busy={query.isFetching || undefined}>
        <DataTable
          caption={`Segment report: ${METRIC_DEFINITIONS[metric].label.toLowerCase()}`}
          captionHidden
          data={rows}
          columns={columns}
          getRowId={(r) => r.id}
          onExportCsv={() => xlsx.exportCsv({ ...params, metric })}
          onExportXlsx={() => xlsx.exportXlsx({ ...params, metric })}
          pageSize={pageSize}
          searchable={false}
        />
      </div>
    </ChartCard>
  );
}
