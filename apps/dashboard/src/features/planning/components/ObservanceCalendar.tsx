import { Link } from 'react-router';
import type { ObservanceOccurrence } from '@resonance/contracts';
import { durationDays, occurrenceKey, type MonthBucket } from '../utils/calendar';
import { formatDateRange } from '../../../shared/format';
import { regionName } from './RegionFilter';

const monthTitle = (bucket: MonthBucket) =>
  new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(bucket.year, bucket.month - 1, 1)),
  );

function kindLabel(o: ObservanceOccurrence): string {
  const days = durationDays(o);
  if (days === 1) return 'Day';
  if (days <= 8) return 'Week';
  return 'Month';
}

/** Twelve month cards; each observance is a link (Tab moves through them in date order). */
export function ObservanceCalendar({ months, nextKey }: { months: MonthBucket[]; nextKey: string | null }) {
  return (
    <ol className="planning-calendar" aria-label="Observances by month">
      {months.map((bucket) => {
        const titleId = `planning-month-${bucket.key}`;
        return (
          <li key={bucket.key} className="planning-month">
            <h2 id={titleId} className="planning-month__title">
              {monthTitle(bucket)}
            </h2>
            {bucket.items.length === 0 ? (
              <p className="planning-muted">No observances.</p>
            ) : (
              <ul className="planning-month__items">
                {bucket.items.map(({ occurrence: o, continued }) => {
                  const key = occurrenceKey(o);
                  const isNext = key === nextKey && !continued;
                  return (
                    <li key={key} className={`planning-chip${isNext ? ' planning-chip--next' : ''}`}>
                      <Link
                        to={`/planning/observances/${o.id}`}
                        aria-describedby={isNext ? 'planning-nextup-title' : undefined}
                      >
                        <span className="planning-chip__name">{o.name}</span>
                        <span className="planning-chip__meta">
                          {formatDateRange(o.startsOn, o.endsOn)}
                          {continued ? ' (continued)' : ''} · {kindLabel(o)} · {regionName(o.region)}
                        </span>
                        {isNext && <span className="planning-badge">Next up</span>}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
