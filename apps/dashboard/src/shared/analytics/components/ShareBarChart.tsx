import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { formatCompact, formatCount, formatRate } from '../../format';
import type { ShareDatum } from '../utils/breakdownShares';
import { seriesColor } from '../utils/chartTheme';
import { ChartSize } from './ChartSize';

export interface ShareBarChartProps {
  items: ShareDatum[];
  metricLabel: string;
  kind: 'count' | 'rate';
  threshold: number;
  /** Colour bars by category (platforms) instead of one colour. */
  colorByItem?: boolean;
  width?: number;
  height?: number;
  animate?: boolean;
}

interface Row extends ShareDatum {
  plotted: number;
  text: string;
}

function ShareTooltip({ active, payload, metricLabel }: TooltipContentProps & { metricLabel: string }) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">{row.label}</div>
      <div>
        {metricLabel}: <strong>{row.text}</strong>
      </div>
      {row.share !== null && <div>{formatRate(row.share)} of the total</div>}
      {row.suppressed && <div className="muted">Hidden: fewer people than the privacy threshold.</div>}
    </div>
  );
}

/** Horizontal bars, one per breakdown row, labelled with the exact value ("<11" when hidden). */
export function ShareBarChart(props: ShareBarChartProps) {
  const { items, metricLabel, kind, threshold, colorByItem, width, animate = true } = props;
  const height = props.height ?? Math.max(120, items.length * 34 + 40);
  const rows: Row[] = items.map((item) => ({
    ...item,
    plotted: item.value ?? 0,
    text:
      kind === 'rate'
        ? formatRate(item.suppressed ? { suppressed: true } : item.value, threshold)
        : formatCount(item.suppressed ? { suppressed: true } : item.value, threshold),
  }));
  const tick = (v: number) => (kind === 'rate' ? formatRate(v) : formatCompact(v));
  return (
    <ChartSize width={width} height={height}>
      <BarChart
        width={width}
        height={height}
        data={rows}
        layout="vertical"
        margin={{ top: 4, right: 64, bottom: 4, left: 8 }}
        accessibilityLayer
      >
        <CartesianGrid stroke="var(--c-line)" strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" tickFormatter={tick} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip
          cursor={{ fill: 'rgba(0,0,0,0.05)' }}
          content={(p) => <ShareTooltip {...p} metricLabel={metricLabel} />}
        />
        <Bar dataKey="plotted" name={metricLabel} isAnimationActive={animate} radius={[0, 3, 3, 0]}>
          {rows.map((row, i) => (
            <Cell key={row.key} fill={colorByItem ? seriesColor(i) : 'var(--c-series-1)'} />
          ))}
          <LabelList dataKey="text" position="right" style={{ fontSize: 12, fill: 'var(--c-ink)' }} />
        </Bar>
      </BarChart>
    </ChartSize>
  );
}
