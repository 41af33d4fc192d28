import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';

export interface ChartSizeProps {
  /** Fixed width (tests, print); omitted = the container's width. */
  width?: number;
  height: number;
  children: ReactElement;
}

/** A chart at a fixed size when `width` is given, otherwise as wide as its container. */
export function ChartSize({ width, height, children }: ChartSizeProps) {
  if (width !== undefined) return <div style={{ width, height }}>{children}</div>;
  return (
    <ResponsiveContainer width="100%" height={height} minWidth={0} initialDimension={{ width: 600, height }}>
      {children}
    </ResponsiveContainer>
  );
}
