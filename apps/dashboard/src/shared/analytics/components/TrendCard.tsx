import { useId, useMemo, useState } from 'react';
import { METRIC_DEFINITIONS } from '@resonance/analytics';
import { AnnotationList } from '../../annotations/AnnotationList';
import { useAnnotationsQuery } from '../../annotations/annotationsApi';
import { placeAnnotations } from '../../annotations/placeAnnotations';
import { useCampaignOptions } from '../../api/campaignsApi';
import { ChartCard } from '../../components/ChartCard';
import { FormError } from '../../components/FormError';
import { MetricDefinition } from '../../components/MetricDefinition';
import { useSuppressionThreshold } from '../../hooks/useSuppressionThreshold';
import { can } from '../../session/permissions';
import { useOptionalSession } from '../../session/sessionContext';
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
  const notes = useAnnotationsQuery(filters);
  const placed = useMemo(
    () =>
      data && notes.data
        ? placeAnnotations(
            notes.data.items,
            data.points.map((p) => p.bucket),
            filters,
          )
        : [],
    [data, notes.data, filters],
  );
  const role = useOptionalSession()?.user.role;
  const campaigns = useCampaignOptions();
  const campaign = campaigns.data?.find((c) => c.id === filters.campaignId) ?? null;
  const notesId = useId();
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
      footer={
        data && (
          <AnnotationList
            id={notesId}
            placed={placed}
            annotations={notes.data?.items ?? []}
            canEdit={role ? can.editAnnotations(role) : false}
            defaultDate={filters.to}
            campaign={campaign && { id: campaign.id, name: campaign.name }}
          />
        )
      }
      table={
        data && (
          <>
            <FormError error={xlsx.error} />
            <TrendTable
              points={data.points}
              metric={metric}
              hasComparison={data.hasComparison}
              onServerExport={(format) => xlsx.exportAs(format, toAnalyticsParams(filters, { granularity, metric }))}
            />
          </>
        )
      }
    >
      {data && (
        <div
          data-testid="trend-chart"
          aria-busy={query.isFetching || undefined}
          aria-describedby={placed.length > 0 ? notesId : undefined}
        >
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
            annotations={placed}
          />
        </div>
      )}
    </ChartCard>
  );
}
