import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../utils/format';
import type { YoyChartDatum, YoyChartSeries } from '../utils/yoyChart';

const percentTick = (value: number) => formatPercent(value, undefined, 2);

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
          formatter={(value) => (typeof value === 'number' ? formatPercent(value) : 'no rate')}
          labelFormatter={(label) => `Window of ${String(label)}`}
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
