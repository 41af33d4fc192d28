import { useCallback, useMemo } from 'react';
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
  const filters = useMemo(() => parseFilters(params, today), [params, today]);
  const comparison = useMemo(() => comparisonRange(filters), [filters]);
  const setFilters = useCallback(
    (patch: FiltersPatch) => setParams((prev) => applyFiltersPatch(prev, parseFilters(prev, today), patch)),
    [setParams, today],
  );
  const resetFilters = useCallback(
    () =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const key of Object.values(FILTER_PARAMS)) next.delete(key);
        return next;
      }),
    [setParams],
  );
  return { filters, comparison, setFilters, resetFilters };
}
