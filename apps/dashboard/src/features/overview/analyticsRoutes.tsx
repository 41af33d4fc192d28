import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Each analytics page is its own chunk (Recharts with it), loaded on first visit.
const CreativesComparePage = lazy(() => import('../creatives/components/CreativesComparePage').then((m) => ({ default: m.CreativesComparePage })));

/** The analytics pages, mounted under the signed-in layout by the app router. */
export const analyticsRoutes: RouteObject[] = [{ path: 'creatives', element: <CreativesComparePage /> }];
