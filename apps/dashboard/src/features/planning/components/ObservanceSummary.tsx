import type { ObservanceDetail } from '@resonance/contracts';
import { formatDateRange } from '../../../shared/format';
import { regionName } from './RegionFilter';

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/** What the observance is and when it falls: the rule in words and the dates it resolves to. */
export function ObservanceSummary({ observance }: { observance: ObservanceDetail }) {
  return (
    <div className="card planning-summary">
      <dl className="planning-facts">
        <div>
          <dt>When</dt>
          <dd>{observance.ruleDescription}</dd>
        </div>
        <div>
          <dt>Region</dt>
          <dd>{regionName(observance.region)}</dd>
        </div>
        <div>
          <dt>Organiser</dt>
          <dd>{observance.organiser ?? 'Not recorded'}</dd>
        </div>
        <div>
          <dt>Link</dt>
          <dd>
            {observance.url ? (
              <a href={observance.url} target="_blank" rel="noreferrer noopener">
                {hostOf(observance.url)}
                <span className="visually-hidden"> (opens in a new tab)</span>
              </a>
            ) : (
              'None'
            )}
          </dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>{observance.source === 'catalogue' ? 'Resonance catalogue' : "Your organisation's own"}</dd>
        </div>
      </dl>
      {observance.description && <p>{observance.description}</p>}
      {observance.occurrences.length > 0 && (
        <>
          <h2 className="planning-subtitle">Dates</h2>
          <ul className="planning-inline-list">
            {observance.occurrences.map((o) => (
              <li key={o.year}>
                <strong>{o.year}:</strong> {formatDateRange(o.startsOn, o.endsOn)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
