import { useMemo, useState } from 'react';
import type { PlanningSegmentId } from '@resonance/contracts';
import { useYoyQuery } from '../api/useYoyQuery';
import { toYoyChartData, toYoyTableRows } from '../utils/yoyChart';
import { QueryState } from './QueryState';
import { YoyChart } from './YoyChart';
import { YoyTable } from './YoyTable';

/** Container: the year-over-year query, its empty and error states, the chart and its table. */
export function YoySection({
  observanceId,
  segments,
}: {
  observanceId: string;
  segments: readonly PlanningSegmentId[];
}) {
  const query = useYoyQuery({ observance: observanceId, segments });
  const [showTable, setShowTable] = useState(false);
  const chart = useMemo(() => (query.data ? toYoyChartData(query.data) : null), [query.data]);
  const rows = useMemo(() => (query.data ? toYoyTableRows(query.data) : []), [query.data]);

  return (
    <section className="planning-card" aria-labelledby="yoy-title">
      <h2 id="yoy-title">Year over year</h2>
      <QueryState query={query} what="year-over-year figures">
        {query.data && chart && (
          <>
            <p className="planning-muted">
              {query.data.metricDefinition}. Each year is measured on that year&apos;s own observance window
              {query.data.leadDays || query.data.lagDays
                ? ` (widened by ${query.data.leadDays} days before and ${query.data.lagDays} after)`
                : ''}
              , for the campaigns linked to it. Bars show the rate; whiskers its 95% interval (Wilson).
            </p>
            {query.data.years.length === 0 || chart.empty ? (
              <div className="empty-state">
                <h3>No history for this observance yet</h3>
                <p>Link past campaigns to this observance to compare years on the same window.</p>
              </div>
            ) : (
              <figure className="planning-figure" aria-label="Engagement rate per year and segment, with 95% intervals">
                <YoyChart data={chart.data} series={chart.series} />
                {chart.hiddenCells > 0 && (
                  <figcaption className="planning-muted">
                    {chart.hiddenCells} year × segment {chart.hiddenCells === 1 ? 'cell has' : 'cells have'} no bar: no
                    impressions, or numbers under {query.data.suppressionThreshold} hidden for privacy.
                  </figcaption>
                )}
              </figure>
            )}
            {rows.length > 0 && (
              <>
                <button
                  type="button"
                  className="button button--link"
                  aria-expanded={showTable}
                  onClick={() => setShowTable((v) => !v)}
                >
                  {showTable ? 'Hide the figures' : 'Show the figures as a table'}
                </button>
                {showTable && <YoyTable rows={rows} />}
              </>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
