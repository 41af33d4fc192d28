import type { MetricId } from '@resonance/analytics';
import { MetricDefinition } from '../../components/MetricDefinition';
import { MetricValue } from '../../components/MetricValue';
import { kpiDeltaText, NO_BASELINE, type KpiModel } from '../utils/kpis';

export interface KpiCardProps {
  kpi: KpiModel;
  comparisonLabel: string | null;
  threshold: number;
}

const ARROWS = { up: '▲', down: '▼', flat: '▬', unknown: '' } as const;

/** One headline figure with its change against the comparison period. */
export function KpiCard({ kpi, comparisonLabel, threshold }: KpiCardProps) {
  const deltaText = kpiDeltaText(kpi, threshold);
  return (
    <article className="kpi-card" aria-label={kpi.label} data-testid={`kpi-${kpi.id}`}>
      <h3 className="kpi-card__label">
        {kpi.label} <MetricDefinition metric={kpi.id as MetricId} />
      </h3>
      <p className="kpi-card__value" data-testid="kpi-value">
        <MetricValue value={kpi.value} metric={kpi.id as MetricId} />
      </p>
      {comparisonLabel && deltaText === NO_BASELINE && (
        <p className="kpi-card__delta muted">No figures in the {comparisonLabel} to compare with.</p>
      )}
      {comparisonLabel && deltaText && deltaText !== NO_BASELINE && (
        <p className={`kpi-card__delta kpi-card__delta--${kpi.trend}`}>
          {ARROWS[kpi.trend] && <span aria-hidden="true">{ARROWS[kpi.trend]} </span>}
          {deltaText} <span className="muted">vs {comparisonLabel}</span>
        </p>
      )}
      {kpi.note && <p className="kpi-card__note muted">{kpi.note}</p>}
    </article>
  );
}
