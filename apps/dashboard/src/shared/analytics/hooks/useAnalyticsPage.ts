import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { useSegmentsQuery } from '../../api/segmentsApi';
import { useCampaignOptions } from '../../api/campaignsApi';
import { useOptionalSession } from '../../session/sessionContext';
import { localToday } from '../../utils/dates';
import { DEFAULT_PRESET, FILTER_PARAMS } from '../../utils/filters';
import { filterParamsOf, firstViewParams, hasFilterParams, lastViewKey } from '../utils/firstView';

const COMPARISON_LABELS = {
  previous_period: 'previous period',
  previous_year: 'same period last year',
  none: null,
} as const;

function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: open on the defaults
  }
}

function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // storage full or disabled: the page still works, it just will not remember
  }
}

/**
 * A page opened without filters in its URL opens on the user's last view of it (remembered per
 * user and organisation in this browser), else on the latest campaign's window; every change of
 * filters is remembered. A URL with filters (a shared link, Back) opens as it says.
 */
function useFirstView() {
  const session = useOptionalSession();
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const campaigns = useCampaignOptions();
  const decided = useRef(false);
  const key = session ? lastViewKey(session.user.id, session.organization.id, pathname) : null;

  useEffect(() => {
    if (decided.current || key === null) return;
    if (hasFilterParams(params)) {
      decided.current = true;
      return;
    }
    const remembered = readStorage(key);
    // Without a last view the campaigns decide: wait for them (a failed list means the defaults).
    if (remembered === null && campaigns.isPending) return;
    decided.current = true;
    const next = firstViewParams(params, remembered, campaigns.data ?? [], localToday());
    if (next) setParams(next, { replace: true });
  }, [key, params, setParams, campaigns.isPending, campaigns.data]);

  useEffect(() => {
    if (!decided.current || key === null) return;
    const filters = filterParamsOf(params);
    // The defaults leave the URL empty: remember them by name, so "Last 30 days" stays chosen.
    if (!hasFilterParams(filters)) filters.set(FILTER_PARAMS.preset, DEFAULT_PRESET);
    writeStorage(key, filters.toString());
  }, [key, params]);

  // Whether the filters in the URL are the ones the page shows: it has filters, or the first view would
  // leave it as it is. Once settled it stays so (Reset filters empties the URL on purpose).
  const [settled, setSettled] = useState(false);
  const settledNow =
    key === null ||
    hasFilterParams(params) ||
    (() => {
      const remembered = readStorage(key);
      if (remembered === null && campaigns.isPending) return false;
      return firstViewParams(params, remembered, campaigns.data ?? [], localToday()) === null;
    })();
  if (settledNow && !settled) setSettled(true);
  // Until then the page's analytics queries wait (FirstViewPendingContext): no request for a period it leaves.
  return !settled && !settledNow;
}

/** The URL filters of an analytics page, with the words and links the page needs. */
export function useAnalyticsPage() {
  const firstViewPending = useFirstView();
  const url = useUrlFilters();
  const location = useLocation();
  return {
    ...url,
    comparisonLabel: COMPARISON_LABELS[url.filters.compare],
    /** The current query string, to carry the filters into links to other pages. */
    search: location.search,
    /**
     * True while the page is still choosing its first view: wrap the page in
     * `<FirstViewPendingContext.Provider value={firstViewPending}>` so its queries wait for it.
     */
    firstViewPending,
  };
}

/** Campaign and segment options for the FilterBar. */
export function useFilterOptions() {
  const campaigns = useCampaignOptions();
  const segments = useSegmentsQuery();
  return useMemo(
    () => ({
      campaigns: campaigns.data?.map((c) => ({ id: c.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn })) ?? [],
      segments: segments.data?.items.map((s) => ({ id: s.id, name: s.name })) ?? [],
    }),
    [campaigns.data, segments.data],
  );
}
