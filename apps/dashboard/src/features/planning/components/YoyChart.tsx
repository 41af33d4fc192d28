import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { formatPercent } from '../../../shared/format';
import type { YoyChartDatum, YoyChartSeries } from '../utils/yoyChart';

const percentTick = (value: number) => formatPercent(value, undefined, 2);

/** The hovered year: each segment's rate with its interval (or why there is none). */
function YoyTooltip({ active, payload, label, series }: TooltipContentProps & { series: YoyChartSeries[] }) {
  const datum = payload?.[0]?.payload as YoyChartDatum | undefined;
  if (!active || !datum) return null;
  return (
    <div className="planning-tooltip">
      <strong>{label}</strong>
      <ul>
        {series.map((s) => {
          const rate = datum.rates[s.segment];
          const error = datum.errors[s.segment];
          return (
            <li key={s.segment}>
              <span className="planning-tooltip__swatch" style={{ background: s.color }} aria-hidden="true" /> {s.label}
              :{' '}
              {rate === null || rate === undefined
                ? 'no rate'
                : `${formatPercent(rate)}${error ? ` (95% CI ${formatPercent(rate - error[0])}–${formatPercent(rate + error[1])})` : ''}`}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** Engagement rate per year (x) and segment (bars), each with its 95% interval. Props only. */
export function YoyChart({
  data,
  series,
  height = 320,
}: {
  data: YoyChartDatum[];
  series: YoyChartSeries[];
  height?: number;
}) {
  return (
    <ResponsiveContainer width="100%" height={height}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="year" />
        <YAxis tickFormatter={percentTick} width={56} />
        <Tooltip
          cursor={{ fill: 'rgb(0 0 0 / 5%)' }}
          content={(props: TooltipContentProps) => <YoyTooltip {...props} series={series} />}
        />
        <Legend itemSorter={null} />
        {series.map((s) => (
          <Bar
            key={s.segment}
            name={s.label}
            dataKey={(d: YoyChartDatum) => d.rates[s.segment] ?? null}
            fill={s.color}
            isAnimationActive={false}
          >
            <ErrorBar
              dataKey={(d: YoyChartDatum) => d.errors[s.segment] ?? [0, 0]}
              width={10}
              strokeWidth={2}
              stroke="var(--c-ink)"
              direction="y"
              isAnimationActive={false}
            />
          </Bar>
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
