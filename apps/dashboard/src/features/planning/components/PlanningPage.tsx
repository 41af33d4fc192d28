import { useMemo } from 'react';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';
import { useUpcomingObservancesQuery } from '../api/planningApi';
import { usePlanningFilters, type CalendarView } from '../hooks/usePlanningFilters';
import { findNextUp, findOngoing, groupByMonth, occurrenceKey, todayIso } from '../utils/calendar';
import { formatDateRange } from '../../../shared/format';
import { AddObservanceForm } from './AddObservanceForm';
import { NextUpBanner } from './NextUpBanner';
import { ObservanceCalendar } from './ObservanceCalendar';
import { ObservanceList } from './ObservanceList';
import { QueryState } from './QueryState';
import { RegionFilter, regionFilterLabel } from './RegionFilter';
import './planning.css';

const MONTHS = 12;
const VIEWS: { id: CalendarView; label: string }[] = [
  { id: 'calendar', label: 'Calendar' },
  { id: 'list', label: 'List' },
];

/** /planning: the next 12 months of awareness observances, by month or as a list. */
export function PlanningPage() {
  const { region, view, setRegion, setView } = usePlanningFilters();
  const canEdit = can.manageCampaigns(useSession().user.role);
  // The server's `from` is today in the organisation's time zone.
  const query = useUpcomingObservancesQuery({ months: MONTHS, region });
  const today = query.data?.from ?? todayIso();
  const items = useMemo(() => query.data?.items ?? [], [query.data]);
  const months = useMemo(() => groupByMonth(items, today, MONTHS), [items, today]);
  const nextUp = useMemo(() => findNextUp(items, today), [items, today]);
  const ongoing = useMemo(() => findOngoing(items, today), [items, today]);
  const nextKey = nextUp ? occurrenceKey(nextUp.occurrence) : null;

  return (
    <section className="planning" aria-labelledby="planning-title">
      <PageHeader
        id="planning-title"
        title="Planning"
        description={
          <>
            Awareness observances in the next 12 months
            {query.data ? ` (${formatDateRange(query.data.from, query.data.to)})` : ''}. Open one to see what worked
            before, for whom, and how big a test must be.
          </>
        }
        actions={
          <div className="planning-toolbar">
            <RegionFilter value={region} onChange={setRegion} />
            <div className="planning-segmented" role="group" aria-label="Show as">
              {VIEWS.map((v) => (
                <button
                  key={v.id}
                  type="button"
                  className="button"
                  aria-pressed={view === v.id}
                  onClick={() => setView(v.id)}
                >
                  {v.label}
                </button>
              ))}
            </div>
          </div>
        }
      />
      <QueryState query={query} what="the observance calendar">
        {items.length === 0 ? (
          <div className="empty-state">
            <h2>No observances in the next 12 months</h2>
            <p>{region ? 'Try another region, or all regions.' : 'The calendar is empty.'}</p>
          </div>
        ) : (
          <>
            <NextUpBanner nextUp={nextUp} ongoing={ongoing} />
            <p className="visually-hidden" role="status">
              {query.isPlaceholderData
                ? 'Updating the calendar…'
                : `${items.length} observances shown for ${regionFilterLabel(region)}.`}
            </p>
            {view === 'list' ? (
              <ObservanceList items={items} nextKey={nextKey} />
            ) : (
              <ObservanceCalendar months={months} nextKey={nextKey} />
            )}
          </>
        )}
      </QueryState>
      {canEdit && <AddObservanceForm />}
    </section>
  );
}
