import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { formatCompact, formatCount, formatRate, formatShortDay } from '../../format';
import { annotationMarks } from '../../annotations/annotationMarks';
import type { PlacedAnnotation } from '../../annotations/placeAnnotations';
import type { TrendPoint } from '../utils/trend';
import { ChartSize } from './ChartSize';

export interface TrendChartProps {
  points: TrendPoint[];
  hasComparison: boolean;
  metricLabel: string;
  kind: 'count' | 'rate';
  currentLabel: string;
  comparisonLabel: string;
  threshold: number;
  width?: number;
  height?: number;
  animate?: boolean;
  /** Notes and observance windows, placed on the buckets (numbered as in the list under the chart). */
  annotations?: readonly PlacedAnnotation[];
}

function TrendTooltip(
  props: TooltipContentProps & {
    kind: 'count' | 'rate';
    threshold: number;
    metricLabel: string;
    hasComparison: boolean;
  },
) {
  const { active, payload, kind, threshold, metricLabel, hasComparison } = props;
  const point = payload?.[0]?.payload as TrendPoint | undefined;
  if (!active || !point) return null;
  const fmt = (value: number | null, suppressed: boolean) =>
    kind === 'rate'
      ? formatRate(suppressed ? { suppressed: true } : value, threshold)
      : formatCount(suppressed ? { suppressed: true } : value, threshold);
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">{metricLabel}</div>
      <div>
        <span className="swatch swatch--current" aria-hidden="true" /> {formatShortDay(point.bucket)}:{' '}
        <strong>{fmt(point.current, point.currentSuppressed)}</strong>
      </div>
      {hasComparison && point.previousBucket && (
        <div>
          <span className="swatch swatch--previous" aria-hidden="true" /> {formatShortDay(point.previousBucket)}:{' '}
          <strong>{fmt(point.previous, point.previousSuppressed)}</strong>
        </div>
      )}
    </div>
  );
}

/** The metric over time; the comparison period as a dashed second series aligned by offset. */
export function TrendChart(props: TrendChartProps) {
  const { points, hasComparison, metricLabel, kind, threshold, width, height = 280, animate = true } = props;
  const showDots = points.length <= 62;
  const tick = (v: number) => (kind === 'rate' ? formatRate(v) : formatCompact(v));
  return (
    <ChartSize width={width} height={height}>
      <LineChart
        width={width}
        height={height}
        data={points}
        margin={{ top: 8, right: 16, bottom: 4, left: 8 }}
        accessibilityLayer
      >
        <CartesianGrid stroke="var(--c-line)" strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="bucket" tickFormatter={formatShortDay} minTickGap={24} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={tick} width={56} tick={{ fontSize: 12 }} allowDecimals={kind === 'rate'} />
        <Tooltip
          content={(p) => (
            <TrendTooltip
              {...p}
              kind={kind}
              threshold={threshold}
              metricLabel={metricLabel}
              hasComparison={hasComparison}
            />
          )}
        />
        <Legend verticalAlign="top" height={28} iconType="plainline" />
        {annotationMarks(props.annotations ?? [])}
        {hasComparison && (
          <Line
            type="monotone"
            dataKey="previous"
            name={props.comparisonLabel}
            stroke="var(--c-series-2)"
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={false}
            connectNulls
            isAnimationActive={animate}
          />
        )}
        <Line
          type="monotone"
          dataKey="current"
          name={props.currentLabel}
          stroke="var(--c-series-1)"
          strokeWidth={2.5}
          dot={showDots ? { r: 2.5 } : false}
          activeDot={{ r: 5 }}
          connectNulls
          isAnimationActive={animate}
        />
      </LineChart>
    </ChartSize>
  );
}
