import { useMemo, useState } from 'react';
import { METRIC_DEFINITIONS } from '@resonance/analytics';
import { ChartCard } from '../../components/ChartCard';
import { FormError } from '../../components/FormError';
import { MetricDefinition } from '../../components/MetricDefinition';
import { useSuppressionThreshold } from '../../hooks/useSuppressionThreshold';
import { daysInRange } from '../../utils/dates';
import { granularityFor, toAnalyticsParams, type AnalyticsFilters } from '../api/analyticsQuery';
import { useXlsxExport } from '../hooks/useXlsxExport';
import { useTimeseriesQuery } from '../api/analyticsApi';
import { prefersReducedMotion } from '../utils/chartTheme';
import { toTrendData } from '../utils/trend';
import { TrendChart } from './TrendChart';
import { TrendTable } from './TrendTable';

const TREND_METRICS = ['impressions', 'engagements', 'engagementRate', 'reach', 'resourceClicks'] as const;
type TrendMetric = (typeof TREND_METRICS)[number];

export interface TrendCardProps {
  filters: AnalyticsFilters;
  comparisonLabel: string | null;
  /** A fixed chart width (the printable report); default: as wide as the card. */
  chartWidth?: number;
}

/** Container: the timeseries query, a metric picker, and the trend chart or its table. */
export function TrendCard({ filters, comparisonLabel, chartWidth }: TrendCardProps) {
  const [metric, setMetric] = useState<TrendMetric>('impressions');
  const threshold = useSuppressionThreshold();
  const granularity = granularityFor(daysInRange(filters.from, filters.to));
  const query = useTimeseriesQuery(filters, granularity);
  const xlsx = useXlsxExport('timeseries');
  const data = useMemo(() => (query.data ? toTrendData(query.data, metric) : null), [query.data, metric]);
  const definition = METRIC_DEFINITIONS[metric];
  const kind = definition.kind === 'rate' ? 'rate' : 'count';
  // Per-post lifetime and multi-day platform figures cannot be put on a day: say so, never spread them.
  const unplaced = query.data?.meta.reportedPeriods;
  const unplacedNote = unplaced && unplaced.notPlaced > 0 ? ` ${unplaced.note}` : '';
  return (
    <ChartCard
      title={`${definition.label} over time`}
      titleExtra={<MetricDefinition metric={metric} />}
      description={`Per ${granularity}${comparisonLabel ? `; dashed: ${comparisonLabel.toLowerCase()}` : ''}.${metric === 'reach' ? ' Reach per bucket: distinct people in that bucket.' : ''}${unplacedNote}`}
      isLoading={query.isPending}
      error={query.error}
      onRetry={() => void query.refetch()}
      isEmpty={data?.isEmpty}
      emptyMessage={
        unplacedNote
          ? `No daily figures in this period.${unplacedNote}`
          : 'No activity in this period. Pick a longer date range, another campaign, or import a platform export.'
      }
      actions={
        <label className="inline-field">
          <span>Metric</span>
          <select value={metric} onChange={(e) => setMetric(e.target.value as TrendMetric)}>
            {TREND_METRICS.map((id) => (
              <option key={id} value={id}>
                {METRIC_DEFINITIONS[id].label}
              </option>
            ))}
          </select>
        </label>
      }
      table={
        data && (
          <>
            <FormError error={xlsx.error} />
            <TrendTable
              points={data.points}
              metric={metric}
              hasComparison={data.hasComparison}
              onExportXlsx={() => xlsx.exportXlsx(toAnalyticsParams(filters, { granularity }))}
            />
          </>
        )
      }
    >
      {data && (
        <div data-testid="trend-chart" aria-busy={query.isFetching || undefined}>
          <TrendChart
            points={data.points}
            hasComparison={data.hasComparison}
            metricLabel={definition.label}
            kind={kind}
            currentLabel="This period"
            comparisonLabel={comparisonLabel ?? 'Comparison'}
            threshold={threshold}
            width={chartWidth}
            animate={!prefersReducedMotion()}
          />
        </div>
      )}
    </ChartCard>
  );
}
