import { useCallback, useMemo } from 'react';
import { AnalyticsPageFrame } from '../../../shared/analytics/components/AnalyticsPageFrame';
import { ChartCard } from '../../../shared/components/ChartCard';
import { FilterBar } from '../../../shared/components/FilterBar';
import { useSuppressionThreshold } from '../../../shared/hooks/useSuppressionThreshold';
import { useAnalyticsPage, useFilterOptions } from '../../../shared/analytics/hooks/useAnalyticsPage';
import { useXlsxExport } from '../../../shared/analytics/hooks/useXlsxExport';
import { FormError } from '../../../shared/components/FormError';
import { prefersReducedMotion } from '../../../shared/analytics/utils/chartTheme';
import { formatRange } from '../../../shared/format';
import { useSegmentsQuery } from '../../../shared/api/segmentsApi';
import { creativeMatrixParams, useCreativeMatrixQuery } from '../../../shared/analytics/api/analyticsApi';
import { useCompareSegments } from '../../../shared/analytics/hooks/useCompareSegments';
import { toHeatmap } from '../utils/heatmap';
import { withDistinctCreativeNames } from '../../../shared/analytics/utils/creativeNames';
import { toSegmentPanels } from '../../../shared/analytics/utils/matrix';
import { toMatrixRows } from '../utils/matrixRows';
import { LiftHeatmap } from './LiftHeatmap';
import { MatrixTable } from './MatrixTable';
import { SegmentPicker } from './SegmentPicker';
import { SegmentVerdictCard } from './SegmentVerdictCard';
import '../../../shared/analytics/components/analytics.css';
import './creatives.css';

const DEFAULT_SEGMENTS = ['preset:teens', 'preset:young-adults', 'preset:adults', 'preset:older-adults'] as const;

/** Which creative works best for whom: verdicts per segment, the lift heatmap and the full matrix. */
export function CreativesComparePage() {
  const { filters, setFilters, firstViewPending } = useAnalyticsPage();
  const options = useFilterOptions();
  const segments = useSegmentsQuery();
  const { selected, setSelected } = useCompareSegments();
  const threshold = useSuppressionThreshold();
  const query = useCreativeMatrixQuery(filters, selected, !firstViewPending);
  const data = useMemo(
    () => (query.data && !filters.campaignId ? withDistinctCreativeNames(query.data, options.campaigns) : query.data),
    [query.data, options.campaigns, filters.campaignId],
  );
  const panels = useMemo(() => (data ? toSegmentPanels(data) : []), [data]);
  // With nothing picked the server chooses: the age groups, plus Everyone when posts were reported
  // without an audience breakdown (Instagram, X) — tick what it answered with.
  const serverDefaults = useMemo(
    () => (selected.length === 0 && query.data ? query.data.segments.map((s) => s.segment.id) : DEFAULT_SEGMENTS),
    [selected.length, query.data],
  );
  const heatmap = useMemo(() => (data ? toHeatmap(data, threshold) : null), [data, threshold]);
  const rows = useMemo(() => (data ? toMatrixRows(data) : []), [data]);
  const animate = !prefersReducedMotion();
  const campaignName = options.campaigns.find((c) => c.id === filters.campaignId)?.name;
  const { exportAs, error: exportError } = useXlsxExport('creatives');
  const serverExport = (format: 'csv' | 'xlsx') => exportAs(format, creativeMatrixParams(filters, selected));
  // Each segment's panel: the same query as the page, and which panel.
  const panelExport = useXlsxExport('compare');
  const exportPanel = panelExport.exportAs;
  const panelServerExport = useCallback(
    (format: 'csv' | 'xlsx', segmentId: string) =>
      exportPanel(format, { ...creativeMatrixParams(filters, selected), panel: segmentId }),
    [exportPanel, filters, selected],
  );

  return (
    <AnalyticsPageFrame
      firstViewPending={firstViewPending}
      id="compare-title"
      title="Compare creatives"
      description="Which message works best for whom — with the uncertainty shown, so you only call a winner when the data supports it."
    >
      <FilterBar campaigns={options.campaigns} showCompare={false} />
      {segments.data && (
        <SegmentPicker
          segments={segments.data.items}
          selected={selected}
          defaults={serverDefaults}
          onChange={setSelected}
        />
      )}
      <p className="muted" aria-live="polite">
        {campaignName ? `${campaignName}` : 'All campaigns (pick one above to compare its creatives)'} ·{' '}
        {formatRange(filters.from, filters.to)}
        {filters.preset !== 'awareness' && (
          <>
            {' · '}
            <button type="button" className="link-button" onClick={() => setFilters({ preset: 'awareness' })}>
              Show the last Mental Health Awareness Month
            </button>
          </>
        )}
      </p>
      {query.isPending || query.isError ? (
        <ChartCard
          title="Verdicts"
          isLoading={query.isPending}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : panels.every((p) => p.bars.length === 0) ? (
        <ChartCard
          title="Verdicts"
          isEmpty
          emptyMessage="No creative has figures for these filters. Try a longer date range or another campaign."
        />
      ) : (
        <div className="stack" aria-busy={query.isFetching || undefined}>
          <FormError error={panelExport.error} />
          <div className="card-grid card-grid--verdicts">
            {panels.map((panel) => (
              <SegmentVerdictCard
                key={panel.segmentId}
                panel={panel}
                threshold={threshold}
                animate={animate}
                onServerExport={panelServerExport}
              />
            ))}
          </div>
          {heatmap && (
            <ChartCard
              title="Lift by creative and segment"
              description="How much each creative's engagement rate is above (blue) or below (orange) its segment's average. Hover or focus a cell for the figures."
            >
              <LiftHeatmap
                data={heatmap}
                caption="Lift of each creative's engagement rate against its segment's average"
              />
            </ChartCard>
          )}
          <section className="card" aria-labelledby="matrix-title">
            <h2 id="matrix-title" className="chart-card__title">
              Full matrix
            </h2>
            <FormError error={exportError} />
            <MatrixTable rows={rows} onServerExport={serverExport} />
          </section>
          {data && (
            <details className="card method">
              <summary>How we decide</summary>
              <p>{data.method.description}</p>
              <p>
                A creative needs at least {data.method.minimumSample.impressions.toLocaleString()} impressions and{' '}
                {data.method.minimumSample.engagements.toLocaleString()} engagements in a segment before we judge it. A
                leader is called only when its chance of being the best is at least{' '}
                {Math.round(data.method.probabilityToBeBestThreshold * 100)}% and the gap to the others holds after
                correcting for the number of comparisons on this page (Holm, α = {data.method.alpha}).
              </p>
            </details>
          )}
        </div>
      )}
    </AnalyticsPageFrame>
  );
}
