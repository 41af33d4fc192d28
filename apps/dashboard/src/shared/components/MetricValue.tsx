import { METRIC_DEFINITIONS, type MetricId } from '@resonance/analytics';
import { useSuppressionThreshold } from '../hooks/useSuppressionThreshold';
import { formatForKind, formatNumber, hiddenText, type NumberFormat } from '../format';

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

/**
 * A hidden figure, with the reason on hover and focus. A count reads "<11"; a rate or a change reads
 * "hidden (fewer than 11 people)", since "<11" in a percentage column reads as "under 11%".
 */
export function SuppressedFigure({ as = 'count', className }: { as?: 'count' | 'rate'; className?: string }) {
  const threshold = useSuppressionThreshold();
  const why = suppressedExplanation(threshold);
  const classes = ['metric-value', 'metric-value--suppressed', className].filter(Boolean).join(' ');
  return (
    <abbr className={classes} title={why} data-tip={why} tabIndex={0}>
      {as === 'rate' ? hiddenText(threshold) : `<${threshold}`}
    </abbr>
  );
}

/** A number formatted with Intl; a suppressed cell as "<11" (rates: "hidden (fewer than 11 people)") with the reason. */
export function MetricValue({ value, metric, format, fractionDigits, className }: MetricValueProps) {
  const threshold = useSuppressionThreshold();
  const classes = ['metric-value', className].filter(Boolean).join(' ');
  const resolved = format ?? (metric ? formatForKind(METRIC_DEFINITIONS[metric].kind) : 'count');
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
        {resolved === 'percent' ? hiddenText(threshold) : `<${threshold}`}
      </abbr>
    );
  }
  return <span className={classes}>{formatNumber(value, resolved, fractionDigits)}</span>;
}
