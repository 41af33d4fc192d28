import { useMemo } from 'react';
import type { PlanningSegmentId } from '@resonance/contracts';
import { MetricDefinition } from '../../../shared/components/MetricDefinition';
import { ChartCard } from '../../../shared/components/ChartCard';
import { useYoyQuery } from '../api/planningApi';
import { asSentence } from '../../../shared/format';
import { toYoyChartData, toYoyTableRows } from '../utils/yoyChart';
import { YoyChart } from './YoyChart';
import { YoyTable } from './YoyTable';

const HEIGHT = 320;

/** Container: the year-over-year query with loading, empty and error states, the chart and its table. */
export function YoySection({
  observanceId,
  segments,
}: {
  observanceId: string;
  segments: readonly PlanningSegmentId[];
}) {
  const query = useYoyQuery({ observance: observanceId, segments });
  const chart = useMemo(() => (query.data ? toYoyChartData(query.data) : null), [query.data]);
  const rows = useMemo(() => (query.data ? toYoyTableRows(query.data) : []), [query.data]);
  const data = query.data;

  const description = data ? (
    <>
      {asSentence(data.metricDefinition)} Each year is measured on that year&apos;s own observance window
      {data.leadDays || data.lagDays ? ` (widened by ${data.leadDays} days before and ${data.lagDays} after)` : ''}, for
      the campaigns linked to it for that year. Bars show the rate; whiskers its 95% interval (Wilson).
    </>
  ) : (
    'Engagement rate per year, on the observance’s own window.'
  );

  return (
    <ChartCard
      title="Year over year"
      titleExtra={<MetricDefinition metric="engagementRate" />}
      description={description}
      isLoading={query.isPending}
      error={query.error}
      onRetry={() => void query.refetch()}
      isEmpty={!chart || chart.empty}
      emptyMessage="No history for this observance yet: link past campaigns to it to compare years on the same window."
      table={<YoyTable rows={rows} />}
      height={HEIGHT}
    >
      {chart && data && (
        <figure className="planning-figure" aria-label="Engagement rate per year and segment, with 95% intervals">
          <YoyChart data={chart.data} series={chart.series} height={HEIGHT} />
          {chart.hiddenCells > 0 && (
            <figcaption className="planning-muted">
              {chart.hiddenCells} year × segment {chart.hiddenCells === 1 ? 'cell has' : 'cells have'} no bar: no
              impressions, or numbers under {data.suppressionThreshold} hidden for privacy. The table shows which.
            </figcaption>
          )}
        </figure>
      )}
    </ChartCard>
  );
}
