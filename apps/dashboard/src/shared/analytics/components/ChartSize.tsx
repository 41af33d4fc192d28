import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

export interface ChartSizeProps {
  /** Fixed width (tests, print); omitted = the container's width. */
  width?: number;
  height: number;
  children: ReactElement;
}

/**
 * A chart at a fixed size when `width` is given, otherwise as wide as its container. A fixed-size chart
 * still shrinks (keeping its proportions, see .chart-size in analytics.css) when its card is narrower.
 */
export function ChartSize({ width, height, children }: ChartSizeProps) {
  if (width !== undefined)
    return (
      <div className="chart-size" style={{ width, maxWidth: '100%', aspectRatio: `${width} / ${height}` }}>
        {children}
      </div>
    );
  return (
    <ResponsiveContainer width="100%" height={height} minWidth={0} initialDimension={{ width: 600, height }}>
      {children}
    </ResponsiveContainer>
  );
}
