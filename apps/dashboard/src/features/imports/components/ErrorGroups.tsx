import { Link } from 'react-router';
import type { ImportErrorGroup } from '@resonance/contracts';
import { formatCount } from '../../../shared/format';
import { rowsText } from '../utils/importErrors';

/**
 * Row problems collapsed: one line per problem with how many rows have it and what to do — for a
 * campaign Resonance doesn't know yet, create it (and come back) or pick one to import into.
 */
export function ErrorGroups({
  groups,
  onChooseCampaign,
}: {
  groups: ImportErrorGroup[];
  /** Moves to the campaign picker ("Import into …"); absent after the import. */
  onChooseCampaign?: () => void;
}) {
  if (groups.length === 0) return null;
  return (
    <section className="error-groups" aria-labelledby="error-groups-title">
      <h3 id="error-groups-title">What to fix</h3>
      <ul>
        {groups.map((g) => (
          <li key={`${g.field}|${g.message}`} className="error-groups__item">
            <p>
              <strong>
                {formatCount(g.count)} row{g.count === 1 ? '' : 's'}
              </strong>
              : {g.message}
              {g.rows.length > 0 && <span className="muted"> ({rowsText(g.rows, g.count)})</span>}
            </p>
            {g.action?.kind === 'create_campaign' && (
              <p className="error-groups__actions">
                <Link
                  className="button button--small"
                  to={`/campaigns/new?name=${encodeURIComponent(g.action.campaign)}&returnTo=${encodeURIComponent('/imports')}`}
                >
                  Create “{g.action.campaign}”
                </Link>
                {onChooseCampaign && (
                  <button type="button" className="button button--small" onClick={onChooseCampaign}>
                    Import into an existing campaign…
                  </button>
                )}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
