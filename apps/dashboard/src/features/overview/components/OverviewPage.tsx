import { lazy, Suspense, type ReactNode } from 'react';
import { AnalyticsPageFrame } from '../../../shared/analytics/components/AnalyticsPageFrame';
import { Link } from 'react-router';
import { FilterBar } from '../../../shared/components/FilterBar';
import { ViewActions } from '../../sharing';
import { useAnalyticsPage, useFilterOptions } from '../../../shared/analytics/hooks/useAnalyticsPage';
import { KpiGrid } from '../../../shared/analytics/components/KpiGrid';
import { PlatformReachCard } from '../../../shared/analytics/components/PlatformReachCard';
import { TopCreativesCard } from './TopCreativesCard';
import { SpendCard } from './SpendCard';
import { PostsCard } from './PostsCard';
import '../../../shared/analytics/components/analytics.css';

// The charts (and Recharts with them) load after the headline figures, so the first screen is light.
const TrendCard = lazy(() =>
  import('../../../shared/analytics/components/TrendCard').then((m) => ({ default: m.TrendCard })),
);
const BreakdownCard = lazy(() =>
  import('../../../shared/analytics/components/BreakdownCard').then((m) => ({ default: m.BreakdownCard })),
);

function ChartSlot({ height, children }: { height: number; children: ReactNode }) {
  return (
    <Suspense
      fallback={<div className="card skeleton" style={{ height }} role="status" aria-label="Loading a chart" />}
    >
      {children}
    </Suspense>
  );
}

/** The overview's two breakdown cards and the top creatives share one request. */
const BREAKDOWNS = ['platform', 'ageBand', 'creative'] as const;

/** The first screen: headline figures, the trend, where the audience is, and what worked. */
export function OverviewPage() {
  const { filters, comparisonLabel, search, firstViewPending } = useAnalyticsPage();
  const options = useFilterOptions();
  return (
    <AnalyticsPageFrame
      firstViewPending={firstViewPending}
      id="overview-title"
      title="Overview"
      description="Reach and engagement for the period you pick, compared with the period before."
      actions={
        <>
          <Link className="button" to={`/report${search}`}>
            Printable report
          </Link>
          <ViewActions page="overview" />
        </>
      }
    >
      <FilterBar campaigns={options.campaigns} segments={options.segments} />
      <aside className="next-steps" aria-label="Questions you can answer">
        <Link to={`/creatives${search}`}>Which creative works best for each age group? →</Link>
        <Link to={`/segments${search}`}>How did each audience segment do? →</Link>
        <Link to={`/insights${search}`}>What stands out? →</Link>
      </aside>
      {/* The KPI cards' titles are h3: this keeps the heading order h1 → h2 → h3. */}
      <h2 className="visually-hidden">Headline figures</h2>
      <KpiGrid filters={filters} comparisonLabel={comparisonLabel} />
      <SpendCard filters={filters} />
      <PlatformReachCard filters={filters} />
      <ChartSlot height={380}>
        <TrendCard filters={filters} comparisonLabel={comparisonLabel} />
      </ChartSlot>
      <div className="card-grid">
        <ChartSlot height={260}>
          <BreakdownCard filters={filters} by="platform" title="Platform split" colorByItem group={BREAKDOWNS} />
        </ChartSlot>
        <ChartSlot height={260}>
          <BreakdownCard
            filters={filters}
            by="ageBand"
            title="Who you reach, by age"
            initialMetric="reach"
            group={BREAKDOWNS}
          />
        </ChartSlot>
      </div>
      <TopCreativesCard filters={filters} compareHref={`/creatives${search}`} group={BREAKDOWNS} />
      <PostsCard filters={filters} />
    </AnalyticsPageFrame>
  );
}
