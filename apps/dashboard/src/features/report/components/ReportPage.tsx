import { useMemo } from 'react';
import { FirstViewPendingContext } from '../../../shared/analytics/api/analyticsApi';
import { Link } from 'react-router';
import { METRIC_DEFINITIONS } from '@resonance/analytics';
import { ANALYTICS_METRIC_IDS } from '@resonance/contracts';
import { ChartCard } from '../../../shared/components/ChartCard';
import { FilterBar } from '../../../shared/components/FilterBar';
import { useSuppressionThreshold } from '../../../shared/hooks/useSuppressionThreshold';
import { formatDateTime, formatRange, PLATFORM_LABELS } from '../../../shared/format';
import {
  segmentReportParams,
  useCreativeMatrixQuery,
  useSegmentReportQuery,
} from '../../../shared/analytics/api/analyticsApi';
import { useCompareSegments } from '../../../shared/analytics/hooks/useCompareSegments';
import { withDistinctCreativeNames } from '../../../shared/analytics/utils/creativeNames';
import { toSegmentPanels } from '../../../shared/analytics/utils/matrix';
import { BreakdownCard } from '../../../shared/analytics/components/BreakdownCard';
import { KpiGrid } from '../../../shared/analytics/components/KpiGrid';
import { TrendCard } from '../../../shared/analytics/components/TrendCard';
import { useAnalyticsPage, useFilterOptions } from '../../../shared/analytics/hooks/useAnalyticsPage';
import { useXlsxExport } from '../../../shared/analytics/hooks/useXlsxExport';
import { FormError } from '../../../shared/components/FormError';
import { useSegmentsQuery } from '../../../shared/api/segmentsApi';
import { ViewActions } from '../../sharing';
import { useSession } from '../../../shared/session/useSession';
import { printMarginCss } from '../utils/printMargins';
import { REPORT_METRICS, toReportRows } from '../../../shared/analytics/utils/reportTable';
import { ReportSegmentTable } from './ReportSegmentTable';
import '../../../shared/analytics/components/analytics.css';
import './report.css';

/** The report's breakdown cards: one request for the four. */
const BREAKDOWNS = ['ageBand', 'gender', 'platform', 'region'] as const;

/** Charts are drawn at a fixed width that fits an A4 page, on screen and in print. */
const A4_CHART_WIDTH = 620;

/** A segment report to print or save as PDF for a board or a funder. */
export function ReportPage() {
  const { filters, comparison, comparisonLabel, search, firstViewPending } = useAnalyticsPage();
  const options = useFilterOptions();
  const threshold = useSuppressionThreshold();
  const segments = useSegmentsQuery();
  const { selected } = useCompareSegments();
  const ids = useMemo(() => segments.data?.items.map((s) => s.id) ?? [], [segments.data]);
  // One report request, for the organisation's segments once they are listed (not the default presets first).
  const report = useSegmentReportQuery(filters, ids, !firstViewPending && !segments.isPending);
  const rows = useMemo(() => (report.data ? toReportRows(report.data) : []), [report.data]);
  const matrix = useCreativeMatrixQuery(filters, selected, !firstViewPending);
  const panels = useMemo(
    () =>
      matrix.data
        ? toSegmentPanels(filters.campaignId ? matrix.data : withDistinctCreativeNames(matrix.data, options.campaigns))
        : [],
    [matrix.data, options.campaigns, filters.campaignId],
  );
  const campaign = options.campaigns.find((c) => c.id === filters.campaignId)?.name ?? 'All campaigns';
  const segment = options.segments.find((s) => s.id === filters.segmentId)?.name;
  const xlsx = useXlsxExport('segments');
  const generatedAt = report.data?.meta.generatedAt ?? new Date().toISOString();
  const { organization } = useSession();
  const period = formatRange(filters.from, filters.to);

  return (
    <FirstViewPendingContext.Provider value={firstViewPending}>
      <article className="report" aria-labelledby="report-title">
        <style data-testid="report-print-margins">
          {printMarginCss({ topLeft: organization.name, topRight: `Segment report · ${period}` })}
        </style>
        <div className="report__toolbar no-print">
          <Link to={`/segments${search}`}>← Back to segments</Link>
          <button type="button" className="button button--primary" onClick={() => window.print()}>
            Print / Save as PDF
          </button>
          <ViewActions page="report" />
        </div>
        <div className="no-print">
          <FilterBar campaigns={options.campaigns} segments={options.segments} />
        </div>
        <header className="report__header">
          <h1 id="report-title">Segment report — {campaign}</h1>
          <dl className="report__facts">
            <dt>Organisation</dt>
            <dd>{organization.name}</dd>
            <dt>Period</dt>
            <dd data-testid="report-period">{period}</dd>
            {comparison && (
              <>
                <dt>Compared with</dt>
                <dd>
                  {formatRange(comparison.from, comparison.to)} ({comparisonLabel})
                </dd>
              </>
            )}
            <dt>Platform</dt>
            <dd>{filters.platform ? PLATFORM_LABELS[filters.platform] : 'All platforms'}</dd>
            <dt>Audience</dt>
            <dd>{segment ?? 'Everyone'}</dd>
            <dt>Generated</dt>
            <dd>{formatDateTime(generatedAt)}</dd>
          </dl>
        </header>
        <section className="report__section" aria-labelledby="report-kpis-title">
          <h2 id="report-kpis-title" className="visually-hidden">
            Headline figures
          </h2>
          <KpiGrid filters={filters} comparisonLabel={comparisonLabel} />
        </section>
        <section className="report__section">
          <TrendCard filters={filters} comparisonLabel={comparisonLabel} chartWidth={A4_CHART_WIDTH} />
        </section>
        <section className="report__section">
          <ChartCard
            title="Segments"
            description={`Each segment this period; change against ${report.data?.meta.query.comparisonPeriod ? formatRange(report.data.meta.query.comparisonPeriod.from, report.data.meta.query.comparisonPeriod.to) : 'the previous period'} (rates in percentage points). ${report.data?.note ?? ''}`}
            isLoading={report.isPending || segments.isPending}
            error={report.error ?? segments.error}
            onRetry={() => void report.refetch()}
          >
            <FormError error={xlsx.error} />
            <ReportSegmentTable
              rows={rows}
              threshold={threshold}
              onExportCsv={() =>
                xlsx.exportCsv({ ...segmentReportParams(filters, ids), metric: REPORT_METRICS.join(',') })
              }
              onExportXlsx={() =>
                xlsx.exportXlsx({ ...segmentReportParams(filters, ids), metric: REPORT_METRICS.join(',') })
              }
            />
          </ChartCard>
        </section>
        <section className="report__section">
          <ChartCard
            title="Which creative worked best"
            height={80}
            isLoading={matrix.isPending}
            error={matrix.error}
            onRetry={() => void matrix.refetch()}
            isEmpty={panels.length === 0}
          >
            <ul className="report__verdicts" aria-label="Verdict per segment">
              {panels.map((p) => (
                <li key={p.segmentId}>{p.headline}</li>
              ))}
            </ul>
          </ChartCard>
        </section>
        <div className="report__grid">
          <BreakdownCard filters={filters} by="ageBand" chartWidth={300} group={BREAKDOWNS} />
          <BreakdownCard filters={filters} by="gender" chartWidth={300} group={BREAKDOWNS} />
        </div>
        <div className="report__grid">
          <BreakdownCard filters={filters} by="platform" colorByItem chartWidth={300} group={BREAKDOWNS} />
          <BreakdownCard filters={filters} by="region" chartWidth={300} group={BREAKDOWNS} />
        </div>
        <section className="report__section report__section--flow" aria-labelledby="definitions-title">
          <h2 id="definitions-title">What the figures mean</h2>
          <dl className="report__definitions">
            {ANALYTICS_METRIC_IDS.map((id) => (
              <div key={id}>
                <dt>{METRIC_DEFINITIONS[id].label}</dt>
                <dd>{METRIC_DEFINITIONS[id].description}</dd>
              </div>
            ))}
          </dl>
          <p>
            Privacy: figures describing fewer than {threshold} people are shown as “&lt;{threshold}”, and where a hidden
            figure could be worked out from a total or its neighbours, a neighbour is hidden too. Reach counts each
            person once, so reach rows never add up to the total.
          </p>
        </section>
      </article>
    </FirstViewPendingContext.Provider>
  );
}
