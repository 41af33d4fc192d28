import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After moving to another page (not a filter change), puts keyboard and screen-reader focus at the
 * start of the main content, as a full page load would.
 */
export function useFocusMainOnNavigate(): void {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: false });
  }, [pathname]);
}
