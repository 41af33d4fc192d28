import { useMemo, useState } from 'react';
import { METRIC_DEFINITIONS } from '@resonance/analytics';
import { BREAKDOWN_DIMENSION_LABELS, SHARE_METRICS, type AudienceDimension } from '@resonance/contracts';
import { ChartCard } from '../../components/ChartCard';
import { MetricDefinition } from '../../components/MetricDefinition';
import { useSuppressionThreshold } from '../../hooks/useSuppressionThreshold';
import { FormError } from '../../components/FormError';
import { toAnalyticsParams, type AnalyticsFilters } from '../api/analyticsQuery';
import { useXlsxExport } from '../hooks/useXlsxExport';
import { useBreakdownQuery, useGroupedBreakdownQuery } from '../api/analyticsApi';
import { toShareData } from '../utils/breakdownShares';
import { prefersReducedMotion } from '../utils/chartTheme';
import { formatCount } from '../../format';
import { ShareBarChart } from './ShareBarChart';
import { ShareTable } from './ShareTable';

const BREAKDOWN_METRICS = ['impressions', 'reach', 'engagements', 'engagementRate', 'resourceClicks'] as const;
type BreakdownMetric = (typeof BREAKDOWN_METRICS)[number];
export const DIMENSION_LABELS: Record<AudienceDimension | 'creative', string> = BREAKDOWN_DIMENSION_LABELS;

export interface BreakdownCardProps {
  filters: AnalyticsFilters;
  by: AudienceDimension;
  title?: string;
  initialMetric?: BreakdownMetric;
  colorByItem?: boolean;
  chartWidth?: number;
  /**
   * Every dimension the page's breakdown cards show (the same array on each card): the cards then share
   * one request (`/analytics/breakdowns`) instead of one each.
   */
  group?: readonly (AudienceDimension | 'creative')[];
}

/** Container: one breakdown as bars, with a metric picker, its table and the reach note. */
export function BreakdownCard({
  filters,
  by,
  title,
  initialMetric = 'impressions',
  colorByItem,
  chartWidth,
  group,
}: BreakdownCardProps) {
  const [metric, setMetric] = useState<BreakdownMetric>(initialMetric);
  const threshold = useSuppressionThreshold();
  const single = useBreakdownQuery(filters, by, {}, group === undefined);
  const grouped = useGroupedBreakdownQuery(filters, group ?? [], by, group !== undefined);
  const query = group === undefined ? single : grouped;
  const data = useMemo(
    () => (query.data ? toShareData(query.data, metric, by === 'ageBand' ? 'age' : 'value') : null),
    [query.data, metric, by],
  );
  const definition = METRIC_DEFINITIONS[metric];
  const dimension = DIMENSION_LABELS[by];
  const heading = title ?? `${definition.label} by ${dimension.toLowerCase()}`;
  const kind = definition.kind === 'rate' ? 'rate' : 'count';
  const total = data ? formatCount(data.totalSuppressed ? { suppressed: true } : data.total, threshold) : '';
  const { exportAs, error: exportError } = useXlsxExport('breakdown');
  const showShare = (SHARE_METRICS as readonly string[]).includes(metric);
  // The table's columns: the dimension, the metric and (for counts that have one) its share of the total.
  const serverExport = (format: 'csv' | 'xlsx') =>
    exportAs(
      format,
      toAnalyticsParams({ ...filters, compare: 'none' }, { by, metric, share: showShare ? metric : undefined }),
    );
  return (
    <ChartCard
      title={heading}
      titleExtra={<MetricDefinition metric={metric} />}
      description={
        metric === 'reach' ? (
          <>
            Total reach {total} (de-duplicated).{' '}
            {query.data?.reachNote ??
              "Rows don't add up to the total: a person in several rows counts once in the total."}
          </>
        ) : kind === 'count' && data ? (
          `Total ${total}.`
        ) : (
          definition.description
        )
      }
      isLoading={query.isPending}
      error={query.error}
      onRetry={() => void query.refetch()}
      isEmpty={data?.isEmpty}
      emptyMessage="No data for these filters. Try a longer date range."
      height={data ? Math.max(120, data.items.length * 34 + 40) : 200}
      actions={
        <label className="inline-field">
          <span>Metric</span>
          <select
            value={metric}
            onChange={(e) => setMetric(e.target.value as BreakdownMetric)}
            aria-label={`Metric for ${dimension.toLowerCase()} breakdown`}
          >
            {BREAKDOWN_METRICS.map((id) => (
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
            <FormError error={exportError} />
            <ShareTable
              caption={heading}
              dimensionLabel={dimension}
              metric={metric}
              metricLabel={definition.label}
              items={data.items}
              showShare={showShare}
              onServerExport={serverExport}
            />
          </>
        )
      }
    >
      {data && (
        <div aria-busy={query.isFetching || undefined}>
          <ShareBarChart
            items={data.items}
            metricLabel={definition.label}
            kind={kind}
            threshold={threshold}
            colorByItem={colorByItem}
            width={chartWidth}
            animate={!prefersReducedMotion()}
          />
        </div>
      )}
    </ChartCard>
  );
}
