import type { HeatmapData } from '../utils/heatmap';
import { liftColor, LIFT_CLAMP } from '../utils/heatmap';

export interface LiftHeatmapProps {
  data: HeatmapData;
  caption: string;
}

/**
 * The creative × segment lift grid as a real table: colour for the pattern, the value printed in
 * each cell, and the full detail on hover and for screen readers.
 */
export function LiftHeatmap({ data, caption }: LiftHeatmapProps) {
  const pct = Math.round(LIFT_CLAMP * 100);
  return (
    <div className="heatmap">
      <div className="data-table__scroll">
        <table className="heatmap__table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Creative</th>
              {data.columns.map((c) => (
                <th key={c.id} scope="col">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row) => (
              <tr key={row.creativeId}>
                <th scope="row">{row.name}</th>
                {row.cells.map((cell) => (
                  <td
                    key={cell.segmentId}
                    className={`heatmap__cell${cell.verdict === 'not enough data' ? ' heatmap__cell--thin' : ''}`}
                    style={{ background: cell.background, color: cell.color }}
                    title={cell.detail}
                    tabIndex={0}
                  >
                    <span aria-hidden="true">{cell.text}</span>
                    <span className="visually-hidden">{cell.detail}</span>
                    {cell.verdict === 'leader' && <span aria-hidden="true"> ★</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="heatmap__legend" aria-hidden="true">
        <span>−{pct}% or less</span>
        <span
          className="heatmap__ramp"
          style={{
            background: `linear-gradient(to right, ${liftColor(-LIFT_CLAMP).background}, #fff, ${liftColor(LIFT_CLAMP).background})`,
          }}
        />
        <span>+{pct}% or more</span>
        <span className="heatmap__key heatmap__cell--thin">not enough data</span>
        <span>★ leader</span>
      </div>
    </div>
  );
}
