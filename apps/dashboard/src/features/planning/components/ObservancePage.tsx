import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../shared/api/http';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';
import { useObservanceQuery, useYoyQuery } from '../api/planningApi';
import { latestBaseline } from '../utils/yoyChart';
import { useSegmentSelection } from '../hooks/useSegmentSelection';
import { DeleteObservanceButton } from './DeleteObservanceButton';
import { LinkedCampaigns } from './LinkedCampaigns';
import { ObservanceSummary } from './ObservanceSummary';
import { PlanCampaignForm } from './PlanCampaignForm';
import { QueryState } from './QueryState';
import { RecommendationsSection } from './RecommendationsSection';
import { SegmentPicker } from './SegmentPicker';
import { TestSizePlanner } from './TestSizePlanner';
import { YoySection } from './YoySection';
import './planning.css';

/** /planning/observances/:id: what the observance is, what worked before, and planning the next one. */
export function ObservancePage() {
  const { id = '' } = useParams();
  const query = useObservanceQuery(id);
  const { segments, setSegments } = useSegmentSelection();
  const observance = query.data;
  const canEdit = can.manageCampaigns(useSession().user.role);
  // The same query (and cache entry) as the year-over-year chart: last year's rate seeds the planner.
  const yoy = useYoyQuery({ observance: observance?.id ?? id, segments });
  const suggestion = useMemo(() => latestBaseline(yoy.data), [yoy.data]);

  if (query.error instanceof ApiError && query.error.status === 404) {
    return (
      <section className="planning empty-state" aria-labelledby="observance-missing">
        <h1 id="observance-missing">Observance not found</h1>
        <p>It may have been removed, or belong to another organisation.</p>
        <Link to="/planning">Back to the calendar</Link>
      </section>
    );
  }

  return (
    <section className="planning" aria-labelledby="observance-title">
      <nav aria-label="Breadcrumb" className="planning-breadcrumb">
        <Link to="/planning">Planning</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">{observance?.name ?? 'Observance'}</span>
      </nav>
      <QueryState query={query} what="the observance">
        {observance && (
          <>
            <PageHeader
              id="observance-title"
              title={observance.name}
              description={observance.ruleDescription}
              actions={
                canEdit && observance.source === 'organization' ? (
                  <DeleteObservanceButton observance={observance} />
                ) : undefined
              }
            />
            <ObservanceSummary observance={observance} />
            <LinkedCampaigns observance={observance} canEdit={canEdit} />
            <div className="card planning-card--flat">
              <SegmentPicker value={segments} onChange={setSegments} />
            </div>
            <YoySection observanceId={observance.id} segments={segments} />
            <RecommendationsSection observanceId={observance.id} segments={segments} />
            <TestSizePlanner suggestion={suggestion} />
            {canEdit ? (
              <PlanCampaignForm key={observance.id} observance={observance} />
            ) : (
              <p className="planning-muted">Owners and managers can plan a campaign for this observance.</p>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
