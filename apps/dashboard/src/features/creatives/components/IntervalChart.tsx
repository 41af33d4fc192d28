import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { ChartSize } from '../../../shared/analytics/components/ChartSize';
import { formatCount, formatRate, formatRateWithInterval } from '../../../shared/format';
import type { CreativeBar } from '../../../shared/analytics/utils/matrix';
import { chanceText, VERDICT_LABELS } from '../../../shared/analytics/utils/verdictWords';

export interface IntervalChartProps {
  bars: CreativeBar[];
  /** The segment average, drawn as a reference line. */
  averageRate: number | null;
  threshold: number;
  width?: number;
  animate?: boolean;
}

const FILL = {
  leader: 'var(--c-series-3)',
  'no clear difference': 'var(--c-series-1)',
  'clearly behind': 'var(--c-series-6)',
  'not enough data': '#b8c0c8',
} as const;

interface Row extends CreativeBar {
  plotted: number;
  label: string;
}

function IntervalTooltip({ active, payload, threshold }: TooltipContentProps & { threshold: number }) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip__title">{row.name}</div>
      <div>
        Engagement rate:{' '}
        <strong>
          {formatRateWithInterval(
            row.suppressed ? { suppressed: true } : row.rate,
            row.lower !== null && row.upper !== null ? { lower: row.lower, upper: row.upper } : null,
            threshold,
          )}
        </strong>
      </div>
      <div>
        {formatCount(row.engagements, threshold)} engagements / {formatCount(row.impressions, threshold)} impressions
      </div>
      <div>
        {VERDICT_LABELS[row.verdict]}
        {row.probabilityToBeBest !== null && ` · ${chanceText(row.probabilityToBeBest)} chance of being the best`}
      </div>
    </div>
  );
}

/** Characters per line of a creative's name beside its bar (the axis is 140 px wide at 12 px). */
const NAME_LINE = 18;

/**
 * A name in at most two lines of NAME_LINE characters, the rest cut with "…": long names (a creative with
 * its campaign) would otherwise wrap into the rows above and below. The full name stays in the tooltip,
 * the <title> and the table.
 */
export function nameLines(name: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= NAME_LINE) line = next;
    else {
      if (line) lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const out = lines.slice(0, 2).map((l) => (l.length > NAME_LINE ? `${l.slice(0, NAME_LINE - 1)}…` : l));
  if (lines.length > 2) {
    const last = out[1] ?? '';
    out[1] = `${last.length >= NAME_LINE ? last.slice(0, NAME_LINE - 1) : last}…`;
  }
  return out;
}

function NameTick({ x, y, payload }: { x?: number; y?: number; payload?: { value?: unknown } }) {
  const name = String(payload?.value ?? '');
  const lines = nameLines(name);
  const first = lines.length > 1 ? -0.35 : 0.32;
  return (
    <text x={x} y={y} textAnchor="end" fontSize={12} fill="currentColor">
      <title>{name}</title>
      {lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? `${first}em` : '1.2em'}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** The rate axis ends just past the highest interval bound (at least 5 %), so whiskers never leave the plot. */
export function rateAxisMax(bars: Pick<CreativeBar, 'rate' | 'upper'>[], averageRate: number | null): number {
  const top = Math.max(0.05, averageRate ?? 0, ...bars.map((b) => b.upper ?? b.rate ?? 0));
  const step = top > 0.2 ? 0.1 : top > 0.1 ? 0.05 : 0.02;
  return Math.min(1, Math.ceil((top * 1.02) / step) * step);
}

/** Engagement rate per creative with its 95 % interval as whiskers; the leader in green, thin data in grey. */
export function IntervalChart({ bars, averageRate, threshold, width, animate = true }: IntervalChartProps) {
  const height = Math.max(110, bars.length * 40 + 40);
  const domainMax = rateAxisMax(bars, averageRate);
  const rows: Row[] = bars.map((b) => ({
    ...b,
    plotted: b.rate ?? 0,
    label: b.suppressed ? 'hidden' : formatRate(b.rate),
  }));
  return (
    <ChartSize width={width} height={height}>
      <BarChart
        width={width}
        height={height}
        data={rows}
        layout="vertical"
        margin={{ top: 18, right: 4, bottom: 4, left: 4 }}
        accessibilityLayer
      >
        <CartesianGrid stroke="var(--c-line)" strokeDasharray="3 3" horizontal={false} />
        <XAxis
          type="number"
          tickFormatter={(v: number) => formatRate(v)}
          tick={{ fontSize: 12 }}
          domain={[0, domainMax]}
        />
        <YAxis yAxisId="names" type="category" dataKey="name" width={140} tick={<NameTick />} interval={0} />
        {/* The exact rates, printed in a column on the right so the whiskers never cover them. */}
        <YAxis
          yAxisId="values"
          orientation="right"
          type="category"
          dataKey="label"
          width={52}
          tick={{ fontSize: 12, fontWeight: 600 }}
          axisLine={false}
          tickLine={false}
          interval={0}
        />
        <Tooltip
          cursor={{ fill: 'rgba(0,0,0,0.05)' }}
          content={(p) => <IntervalTooltip {...p} threshold={threshold} />}
        />
        {averageRate !== null && (
          <ReferenceLine
            yAxisId="names"
            x={averageRate}
            stroke="var(--c-muted)"
            strokeDasharray="4 3"
            label={{ value: 'average', position: 'top', fontSize: 11, fill: 'var(--c-muted)' }}
          />
        )}
        <Bar yAxisId="names" dataKey="plotted" name="Engagement rate" isAnimationActive={animate} barSize={18}>
          {rows.map((row) => (
            <Cell key={row.creativeId} fill={FILL[row.verdict]} />
          ))}
          <ErrorBar
            dataKey="errorBar"
            isAnimationActive={animate}
            width={6}
            strokeWidth={1.5}
            stroke="var(--c-ink)"
            direction="x"
          />
        </Bar>
      </BarChart>
    </ChartSize>
  );
}
