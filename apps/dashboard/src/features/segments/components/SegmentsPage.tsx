import { useMemo } from 'react';
import { AnalyticsPageFrame } from '../../../shared/analytics/components/AnalyticsPageFrame';
import { Link } from 'react-router';
import { ChartCard } from '../../../shared/components/ChartCard';
import { FilterBar } from '../../../shared/components/FilterBar';
import { ReadOnlyNotice } from '../../../shared/components/ReadOnlyNotice';
import { useSession } from '../../../shared/session/useSession';
import { can, ROLE_LABELS } from '../../../shared/session/permissions';
import { BreakdownCard } from '../../../shared/analytics/components/BreakdownCard';
import { useAnalyticsPage, useFilterOptions } from '../../../shared/analytics/hooks/useAnalyticsPage';
import { useSegmentsQuery } from '../../../shared/api/segmentsApi';
import { SavedSegmentsList } from './SavedSegmentsList';
import { SegmentBuilder } from './SegmentBuilder';
import { SegmentReportCard } from './SegmentReportCard';
import { SegmentSpendCard } from './SegmentSpendCard';
import { PlatformReachCard } from '../../../shared/analytics/components/PlatformReachCard';
import '../../../shared/analytics/components/analytics.css';
import './segments.css';

/** The page's breakdowns: one request for the four cards and the builder's regions and languages. */
const BREAKDOWNS = ['ageBand', 'gender', 'region', 'platform', 'language'] as const;

/** Audience segments: the report, the breakdowns, the builder and the saved list. */
export function SegmentsPage() {
  const { filters, search, firstViewPending } = useAnalyticsPage();
  const options = useFilterOptions();
  const segments = useSegmentsQuery();
  const ids = useMemo(() => segments.data?.items.map((s) => s.id) ?? [], [segments.data]);
  const { user } = useSession();
  const canEdit = can.manageSegments(user.role);
  return (
    <AnalyticsPageFrame
      firstViewPending={firstViewPending}
      id="segments-title"
      title="Segments"
      description="How each audience did this period against the last, and who your campaigns reach."
      actions={
        <Link className="button" to={`/report${search}`}>
          Printable report
        </Link>
      }
    >
      <FilterBar campaigns={options.campaigns} segments={options.segments} showCompare={false} />
      {segments.isPending || segments.isError ? (
        <ChartCard
          title="Segment report"
          isLoading={segments.isPending}
          error={segments.error}
          onRetry={() => void segments.refetch()}
        />
      ) : (
        <>
          <SegmentReportCard filters={filters} segmentIds={ids} />
          <SegmentSpendCard filters={filters} segmentIds={ids} />
        </>
      )}
      <h2 className="section-title">Who you reach</h2>
      <p className="note">
        Reach is de-duplicated: a person seen on two platforms or in two regions counts once in the total, so the rows
        of a reach breakdown don’t add up to it.
      </p>
      <PlatformReachCard filters={filters} />
      <div className="card-grid">
        <BreakdownCard filters={filters} by="ageBand" group={BREAKDOWNS} />
        <BreakdownCard filters={filters} by="gender" group={BREAKDOWNS} />
        <BreakdownCard filters={filters} by="region" group={BREAKDOWNS} />
        <BreakdownCard filters={filters} by="platform" colorByItem group={BREAKDOWNS} />
      </div>
      <div className="card-grid card-grid--builder">
        {canEdit ? (
          <SegmentBuilder filters={filters} group={BREAKDOWNS} />
        ) : (
          <ReadOnlyNotice roleLabel={ROLE_LABELS[user.role]} what="segments" whoCan="owners, managers and analysts" />
        )}
        {segments.data && <SavedSegmentsList segments={segments.data.items} search={search} canEdit={canEdit} />}
      </div>
    </AnalyticsPageFrame>
  );
}
