import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export type CalendarView = 'calendar' | 'list';

/** Region and view of the planning calendar, kept in the URL so a view can be shared. */
export function usePlanningFilters() {
  const [params, setParams] = useSearchParams();
  const region = params.get('region') || null;
  const view: CalendarView = params.get('view') === 'list' ? 'list' : 'calendar';

  const update = useCallback(
    (key: 'region' | 'view', value: string | null) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return {
    region,
    view,
    setRegion: (value: string | null) => update('region', value),
    setView: (value: CalendarView) => update('view', value === 'calendar' ? null : value),
  };
}
