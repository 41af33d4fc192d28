import type { PlanningSegmentId } from '@resonance/contracts';
import { MetricDefinition } from '../../../shared/components/MetricDefinition';
import { useRecommendationsQuery } from '../api/planningApi';
import { asSentence, formatInteger } from '../../../shared/format';
import { QueryState } from './QueryState';
import { SegmentRecommendations } from './SegmentRecommendations';

/** Container: recommendations per selected segment, with the ranking rule stated. */
export function RecommendationsSection({
  observanceId,
  segments,
}: {
  observanceId: string;
  segments: readonly PlanningSegmentId[];
}) {
  const query = useRecommendationsQuery({ observance: observanceId, segments });
  return (
    <section className="card" aria-labelledby="recs-title">
      <h2 id="recs-title">
        What worked, per segment <MetricDefinition metric="engagementRate" />
      </h2>
      <QueryState query={query} what="recommendations">
        {query.data && (
          <>
            <p className="planning-muted">
              Ranked by the lower bound of the engagement rate&apos;s 95% interval, so a small lucky sample does not
              outrank a large steady one. An option needs at least {formatInteger(query.data.minImpressions)}{' '}
              impressions from at least {formatInteger(query.data.minCreatives)} creatives to be ranked.{' '}
              {asSentence(query.data.metricDefinition)}
            </p>
            {query.data.segments.length === 0 ? (
              <p className="planning-notice">Not enough history: no segment has data yet.</p>
            ) : (
              <div className="planning-recs-grid">
                {query.data.segments.map((s) => (
                  <SegmentRecommendations key={s.segment.id} recs={s} threshold={query.data.suppressionThreshold} />
                ))}
              </div>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
