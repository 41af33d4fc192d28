import { METRIC_DEFINITIONS, type MetricId } from '@resonance/analytics';
import { useSuppressionThreshold } from '../hooks/useSuppressionThreshold';
import { formatForKind, formatNumber, type NumberFormat } from '../format';

/** A figure as the API sends it: a number, the suppressed marker, or nothing. */
export type MetricWireValue = number | { suppressed: true } | null | undefined;

export interface MetricValueProps {
  value: MetricWireValue;
  /** Picks the format from the metric's kind (rates as %, counts as integers). */
  metric?: MetricId;
  /** Overrides the format; default `count`, or the metric's. */
  format?: NumberFormat;
  fractionDigits?: number;
  className?: string;
}

export function suppressedExplanation(threshold: number): string {
  return `Fewer than ${threshold} people: hidden to protect their privacy (cells of 1–${threshold - 1} are never shown).`;
}

/** A number formatted with Intl; a suppressed cell as "<11" with the reason on hover and focus. */
export function MetricValue({ value, metric, format, fractionDigits, className }: MetricValueProps) {
  const threshold = useSuppressionThreshold();
  const classes = ['metric-value', className].filter(Boolean).join(' ');
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
    return (
      <span className={classes} title="No data for this period">
        —
      </span>
    );
  }
  if (typeof value === 'object') {
    const why = suppressedExplanation(threshold);
    return (
      <abbr className={`${classes} metric-value--suppressed`} title={why} data-tip={why} tabIndex={0}>
        {`<${threshold}`}
      </abbr>
    );
  }
  const resolved = format ?? (metric ? formatForKind(METRIC_DEFINITIONS[metric].kind) : 'count');
  return <span className={classes}>{formatNumber(value, resolved, fractionDigits)}</span>;
}
