import { Link } from 'react-router';
import type { ObservanceOccurrence } from '@resonance/contracts';
import { durationDays, occurrenceKey } from '../utils/calendar';
import { formatDateRange, formatInteger } from '../../../shared/format';
import { regionName } from './RegionFilter';

/** The same occurrences as a table, in date order. */
export function ObservanceList({ items, nextKey }: { items: ObservanceOccurrence[]; nextKey: string | null }) {
  return (
    <div className="planning-table-wrap">
      <table className="planning-table">
        <caption className="visually-hidden">Upcoming observances in date order</caption>
        <thead>
          <tr>
            <th scope="col">Observance</th>
            <th scope="col">Dates</th>
            <th scope="col">Days</th>
            <th scope="col">Region</th>
            <th scope="col">Rule</th>
            <th scope="col">Organiser</th>
          </tr>
        </thead>
        <tbody>
          {items.map((o) => {
            const key = occurrenceKey(o);
            return (
              <tr key={key} className={key === nextKey ? 'planning-row--next' : undefined}>
                <th scope="row">
                  <Link to={`/planning/observances/${o.id}`}>{o.name}</Link>
                  {key === nextKey && <span className="planning-badge">Next up</span>}
                </th>
                <td className="planning-nowrap">{formatDateRange(o.startsOn, o.endsOn)}</td>
                <td className="planning-num">{formatInteger(durationDays(o))}</td>
                <td>{regionName(o.region)}</td>
                <td>{o.ruleDescription}</td>
                <td>{o.organiser ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
