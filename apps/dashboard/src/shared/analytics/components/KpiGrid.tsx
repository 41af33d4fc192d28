import { errorMessage } from '../../api/http';
import { useSuppressionThreshold } from '../../hooks/useSuppressionThreshold';
import type { AnalyticsFilters } from '../api/analyticsQuery';
import { useSummaryQuery } from '../api/analyticsApi';
import { toKpis } from '../utils/kpis';
import { KpiCard } from './KpiCard';

export interface KpiGridProps {
  filters: AnalyticsFilters;
  comparisonLabel: string | null;
}

/** Container: the summary query as five KPI cards. */
export function KpiGrid({ filters, comparisonLabel }: KpiGridProps) {
  const threshold = useSuppressionThreshold();
  const summary = useSummaryQuery(filters);
  if (summary.isPending) {
    return (
      <div className="kpi-grid" role="status" aria-label="Loading the headline figures">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="kpi-card skeleton" style={{ height: 128 }} />
        ))}
      </div>
    );
  }
  if (summary.isError) {
    return (
      <div className="card chart-card__state" role="alert">
        <p>Could not load the headline figures: {errorMessage(summary.error)}</p>
        <button type="button" className="button" onClick={() => void summary.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  const kpis = toKpis(summary.data);
  return (
    <div className="kpi-grid" aria-busy={summary.isFetching || undefined}>
      {kpis.map((kpi) => (
        <KpiCard key={kpi.id} kpi={kpi} comparisonLabel={comparisonLabel} threshold={threshold} />
      ))}
    </div>
  );
}
