import { Link } from 'react-router';
import type { LinkedCampaign } from '@resonance/contracts';
import { formatDateRange } from '../utils/format';

/** The organisation's campaigns linked to this observance, newest first. */
export function LinkedCampaigns({ campaigns }: { campaigns: LinkedCampaign[] }) {
  if (campaigns.length === 0) {
    return (
      <p className="planning-muted">
        No campaigns are linked to this observance yet. Plan one below, or link an existing campaign from its page.
      </p>
    );
  }
  return (
    <div className="planning-table-wrap">
      <table className="planning-table">
        <caption className="visually-hidden">Campaigns linked to this observance</caption>
        <thead>
          <tr>
            <th scope="col">Campaign</th>
            <th scope="col">Key</th>
            <th scope="col">For year</th>
            <th scope="col">Window</th>
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/campaigns/${c.id}`}>{c.name}</Link>
              </th>
              <td>
                <code>{c.key}</code>
              </td>
              <td>{c.observanceYear ?? '—'}</td>
              <td>{c.startsOn && c.endsOn ? formatDateRange(c.startsOn, c.endsOn) : 'Not set'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
