import type { YoyTableRow } from '../utils/yoyChart';
import { formatDateRange } from '../../../shared/format';

/** The chart's figures as a table: impressions, rate with interval, change on the previous year. */
export function YoyTable({ rows }: { rows: YoyTableRow[] }) {
  return (
    <div className="planning-table-wrap">
      <table className="planning-table">
        <caption className="visually-hidden">Engagement rate per year and segment</caption>
        <thead>
          <tr>
            <th scope="col">Year (window)</th>
            <th scope="col">Segment</th>
            <th scope="col" className="planning-num">
              Impressions
            </th>
            <th scope="col" className="planning-num">
              Engagements
            </th>
            <th scope="col">Engagement rate (95% CI)</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">
                {r.year} <span className="planning-muted">({formatDateRange(r.window.startsOn, r.window.endsOn)})</span>
              </th>
              <td>{r.segment}</td>
              <td className="planning-num">{r.impressions}</td>
              <td className="planning-num">{r.engagements}</td>
              <td>
                {r.rate}
                {r.interval && <span className="planning-muted"> ({r.interval})</span>}
              </td>
              <td>{r.change ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
