import { useId, useMemo } from 'react';
import { METRIC_DEFINITIONS } from '@resonance/analytics';
import type { SharedView } from '@resonance/contracts';
import { AnnotationList } from '../../../shared/annotations/AnnotationList';
import { placeAnnotations } from '../../../shared/annotations/placeAnnotations';
import { ChartCard } from '../../../shared/components/ChartCard';
import { MetricValue } from '../../../shared/components/MetricValue';
import { SuppressionThresholdContext } from '../../../shared/hooks/useSuppressionThreshold';
import { KpiCard } from '../../../shared/analytics/components/KpiCard';
import { TrendChart } from '../../../shared/analytics/components/TrendChart';
import { formatSignedChange, formatSignedPercent } from '../../../shared/format';
import { toKpis } from '../../../shared/analytics/utils/kpis';
import { toTrendData } from '../../../shared/analytics/utils/trend';
import { REPORT_METRICS, toReportRows } from '../../../shared/analytics/utils/reportTable';
import { useSharedAnnotations, useSharedSegments, useSharedSummary, useSharedTimeseries } from '../api/sharedViewApi';

const COMPARISON_LABELS = {
  previous_period: 'previous period',
  previous_year: 'same period last year',
  none: null,
} as const;

/** The figures of a shared view, from the /shared routes (the view fixes every filter). */
export function SharedFigures({ accessToken, view }: { accessToken: string; view: SharedView }) {
  const summary = useSharedSummary(accessToken);
  const series = useSharedTimeseries(accessToken);
  const segments = useSharedSegments(accessToken);
  const threshold = summary.data?.meta.suppression.threshold ?? 11;
  const comparisonLabel = view.comparison ? COMPARISON_LABELS[view.comparison.mode] : null;
  // Deltas come with the answer for either comparison (the server asks compare=previous or yearEarlier).
  const kpis = useMemo(() => (summary.data ? toKpis(summary.data) : []), [summary.data]);
  const trend = useMemo(() => (series.data ? toTrendData(series.data, 'impressions') : null), [series.data]);
  const notes = useSharedAnnotations(accessToken);
  const placed = useMemo(
    () =>
      trend && notes.data
        ? placeAnnotations(
            notes.data.items,
            trend.points.map((p) => p.bucket),
            view.period,
          )
        : [],
    [trend, notes.data, view.period],
  );
  const notesId = useId();
  const rows = useMemo(() => (segments.data ? toReportRows(segments.data) : []), [segments.data]);

  return (
    <SuppressionThresholdContext.Provider value={summary.data?.meta.suppression.threshold ?? null}>
      <section aria-label="Headline figures">
        {summary.isPending ? (
          <p role="status">Loading the headline figures…</p>
        ) : summary.isError ? (
          <p role="alert">Could not load the headline figures: {summary.error.message}</p>
        ) : (
          <div className="kpi-grid">
            {kpis.map((kpi) => (
              <KpiCard key={kpi.id} kpi={kpi} comparisonLabel={comparisonLabel} threshold={threshold} />
            ))}
          </div>
        )}
      </section>
      <ChartCard
        title="Impressions over time"
        description={`Per ${series.data?.granularity ?? 'day'}${comparisonLabel ? `; dashed: ${comparisonLabel}` : ''}.`}
        isLoading={series.isPending}
        error={series.error}
        onRetry={() => void series.refetch()}
        isEmpty={trend?.isEmpty}
        emptyMessage="No activity in this period."
        footer={
          <AnnotationList
            id={notesId}
            placed={placed}
            annotations={notes.data?.items ?? []}
            canEdit={false}
            defaultDate={view.period.to}
            campaign={null}
          />
        }
      >
        {trend && (
          <div data-testid="trend-chart" aria-describedby={placed.length > 0 ? notesId : undefined}>
            <TrendChart
              points={trend.points}
              hasComparison={trend.hasComparison}
              metricLabel="Impressions"
              kind="count"
              currentLabel="This period"
              comparisonLabel={comparisonLabel ?? 'Comparison'}
              threshold={threshold}
              annotations={placed}
            />
          </div>
        )}
      </ChartCard>
      <ChartCard
        title="Segments"
        description={`Each segment this period; change against the previous period (rates in percentage points). ${segments.data?.note ?? ''}`}
        isLoading={segments.isPending}
        error={segments.error}
        onRetry={() => void segments.refetch()}
        isEmpty={rows.length === 0}
      >
        {/* Scrolls inside its own box on a phone (focusable, so the keyboard can scroll it too). */}
        <div className="nums-nowrap data-table__scroll" tabIndex={0}>
          <table aria-label="Segment report">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                {REPORT_METRICS.map((m) => (
                  <th key={m} scope="col">
                    {METRIC_DEFINITIONS[m].label}
                  </th>
                ))}
                {REPORT_METRICS.map((m) => (
                  <th key={`${m}-change`} scope="col">
                    {METRIC_DEFINITIONS[m].label} {m === 'engagementRate' ? 'Δ pts' : 'Δ%'}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.segment}</th>
                  {REPORT_METRICS.map((m) => (
                    <td key={m}>
                      <MetricValue value={row[m]} metric={m} />
                    </td>
                  ))}
                  {REPORT_METRICS.map((m) => (
                    <td key={`${m}-change`}>
                      {m === 'engagementRate'
                        ? formatSignedChange(row[`${m}Change`], 'rate', threshold)
                        : formatSignedPercent(row[`${m}Change`], threshold)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartCard>
      <p className="muted">
        Privacy: figures describing fewer than {threshold} people are shown as “&lt;{threshold}”. Reach counts each
        person once, so reach rows never add up to the total.
      </p>
    </SuppressionThresholdContext.Provider>
  );
}
