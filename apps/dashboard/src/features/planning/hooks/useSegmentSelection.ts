import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { PLANNING_SEGMENTS, type PlanningSegmentId } from '@resonance/contracts';
import { MAX_SERIES } from '../utils/yoyChart';

export const DEFAULT_SEGMENTS: readonly PlanningSegmentId[] = ['all', 'gen-z', 'age-25-34', 'age-35-44'];
const KNOWN = new Set<string>(PLANNING_SEGMENTS.map((s) => s.id));

/** Parses `segments=a,b` keeping known ids in catalogue order, at most MAX_SERIES; the default when none. */
export function parseSegments(text: string | null): PlanningSegmentId[] {
  const wanted = new Set((text ?? '').split(',').filter((id) => KNOWN.has(id)));
  const picked = PLANNING_SEGMENTS.map((s) => s.id)
    .filter((id) => wanted.has(id))
    .slice(0, MAX_SERIES);
  return picked.length > 0 ? picked : [...DEFAULT_SEGMENTS];
}

/** The segments the observance page reports on, in the URL (`segments=`). */
export function useSegmentSelection() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('segments');
  const segments = useMemo(() => parseSegments(raw), [raw]);
  const setSegments = useCallback(
    (ids: readonly PlanningSegmentId[]) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          next.set('segments', ids.join(','));
          return next;
        },
        { replace: true, preventScrollReset: true },
      );
    },
    [setParams],
  );
  return { segments, setSegments };
}
