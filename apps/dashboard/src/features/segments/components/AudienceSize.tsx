import type { AudienceSizeRequest } from '@resonance/contracts';
import { errorMessage } from '../../../shared/api/http';
import { MetricDefinition } from '../../../shared/components/MetricDefinition';
import { MetricValue } from '../../../shared/components/MetricValue';
import { formatRange } from '../../../shared/format';
import { useAudienceSizeQuery } from '../../../shared/api/segmentsApi';
import { useFiltersSettled } from '../../../shared/analytics/api/analyticsApi';

/** The live size of the audience a rule set describes (reach is de-duplicated; "about" when estimated). */
export function AudienceSize({ request }: { request: AudienceSizeRequest }) {
  // Like the page's analytics cards, it waits while the page chooses its first period.
  const query = useAudienceSizeQuery(request, useFiltersSettled());
  return (
    <div
      className="audience-size"
      role="status"
      aria-live="polite"
      aria-busy={query.isFetching || undefined}
      data-testid="audience-size"
    >
      <span className="audience-size__label">Audience size</span>
      {query.isPending ? (
        <span className="muted">Counting…</span>
      ) : query.isError ? (
        <span className="muted">Could not count the audience: {errorMessage(query.error)}</span>
      ) : (
        <>
          <span className="audience-size__value">
            {query.data.reachMethod === 'sketch' && 'about '}
            <MetricValue value={query.data.reach} metric="reach" /> people
          </span>
          <span className="muted">
            reached <MetricDefinition metric="reach" /> ·{' '}
            <MetricValue value={query.data.impressions} metric="impressions" /> impressions ·{' '}
            {formatRange(query.data.from, query.data.to)}
          </span>
        </>
      )}
    </div>
  );
}
