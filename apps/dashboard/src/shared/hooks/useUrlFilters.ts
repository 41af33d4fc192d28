import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { localToday } from '../utils/dates';
import {
  applyFiltersPatch,
  comparisonRange,
  FILTER_PARAMS,
  parseFilters,
  type DashboardFilters,
  type FiltersPatch,
} from '../utils/filters';

export interface UrlFilters {
  /** The resolved filters (presets turned into dates). Put them all in your query keys. */
  filters: DashboardFilters;
  /** The comparison range, or null when comparing is off. */
  comparison: { from: string; to: string } | null;
  /** Changes some filters: a new history entry, so Back undoes it. */
  setFilters: (patch: FiltersPatch) => void;
  /** Back to the defaults (last 30 days, no narrowing, previous period). */
  resetFilters: () => void;
}

/** Filter state in the URL: shareable links, and back/forward move through filter changes. */
export function useUrlFilters(today: string = localToday()): UrlFilters {
  const [params, setParams] = useSearchParams();
  // The URL as last written: react-router's functional update reads the last *rendered* URL, so two
  // changes before a re-render (e.g. a campaign and a date at once) would lose the first.
  const latest = useRef(params);
  useLayoutEffect(() => {
    latest.current = params;
  }, [params]);
  const filters = useMemo(() => parseFilters(params, today), [params, today]);
  const comparison = useMemo(() => comparisonRange(filters), [filters]);
  const write = useCallback(
    (next: URLSearchParams) => {
      latest.current = next;
      setParams(next);
    },
    [setParams],
  );
  const setFilters = useCallback(
    (patch: FiltersPatch) => write(applyFiltersPatch(latest.current, parseFilters(latest.current, today), patch)),
    [write, today],
  );
  const resetFilters = useCallback(() => {
    const next = new URLSearchParams(latest.current);
    for (const key of Object.values(FILTER_PARAMS)) next.delete(key);
    write(next);
  }, [write]);
  return { filters, comparison, setFilters, resetFilters };
}
