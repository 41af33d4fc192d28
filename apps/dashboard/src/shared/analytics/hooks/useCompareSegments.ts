import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/** URL parameter for the segments compared side by side (repeatable); the shared `segment` filter is a different thing. */
export const COMPARE_SEGMENTS_PARAM = 'seg';

/** The segments picked for comparison, kept in the URL so a link opens the same comparison. */
export function useCompareSegments() {
  const [params, setParams] = useSearchParams();
  const raw = params.getAll(COMPARE_SEGMENTS_PARAM).join('|');
  const selected = useMemo(() => (raw ? raw.split('|') : []), [raw]);
  const setSelected = useCallback(
    (ids: string[]) =>
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        next.delete(COMPARE_SEGMENTS_PARAM);
        for (const id of ids) next.append(COMPARE_SEGMENTS_PARAM, id);
        return next;
      }),
    [setParams],
  );
  return { selected, setSelected };
}
