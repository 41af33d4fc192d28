import { Link } from 'react-router';
import type { ObservanceOccurrence } from '@resonance/contracts';
import { describeDaysUntil, type NextUp } from '../utils/calendar';
import { formatDateRange } from '../../../shared/format';

/** "Next up: World Mental Health Day in 12 days", and what is under way today. */
export function NextUpBanner({ nextUp, ongoing }: { nextUp: NextUp | null; ongoing: ObservanceOccurrence[] }) {
  return (
    <section className="planning-nextup" aria-labelledby="planning-nextup-title">
      <h2 id="planning-nextup-title" className="visually-hidden">
        Next observance
      </h2>
      {nextUp ? (
        <p className="planning-nextup__lead">
          <strong>Next up:</strong>{' '}
          <Link to={`/planning/observances/${nextUp.occurrence.id}`}>{nextUp.occurrence.name}</Link>{' '}
          {describeDaysUntil(nextUp.daysUntil)}{' '}
          <span className="planning-muted">
            ({formatDateRange(nextUp.occurrence.startsOn, nextUp.occurrence.endsOn)})
          </span>
        </p>
      ) : (
        <p className="planning-nextup__lead">No observance starts in the next 12 months for this region.</p>
      )}
      {ongoing.length > 0 && (
        <p className="planning-muted">
          Under way now:{' '}
          {ongoing.map((o, i) => (
            <span key={`${o.id}:${o.startsOn}`}>
              {i > 0 && ', '}
              <Link to={`/planning/observances/${o.id}`}>{o.name}</Link> (until {formatDateRange(o.endsOn, o.endsOn)})
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
