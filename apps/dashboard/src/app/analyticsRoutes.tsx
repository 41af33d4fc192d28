import { lazy } from 'react';
import type { RouteObject } from 'react-router';

// Each analytics page is its own chunk (Recharts with it), loaded on first visit.
const CreativesComparePage = lazy(() =>
  import('../features/creatives/components/CreativesComparePage').then((m) => ({ default: m.CreativesComparePage })),
);
const SegmentsPage = lazy(() =>
  import('../features/segments/components/SegmentsPage').then((m) => ({ default: m.SegmentsPage })),
);
const InsightsPage = lazy(() =>
  import('../features/insights/components/InsightsPage').then((m) => ({ default: m.InsightsPage })),
);
const ImportsPage = lazy(() =>
  import('../features/imports/components/ImportsPage').then((m) => ({ default: m.ImportsPage })),
);
const ReportPage = lazy(() =>
  import('../features/report/components/ReportPage').then((m) => ({ default: m.ReportPage })),
);

/** The analytics pages, mounted under the signed-in layout by the app router. */
export const analyticsRoutes: RouteObject[] = [
  { path: 'creatives', element: <CreativesComparePage /> },
  { path: 'segments', element: <SegmentsPage /> },
  { path: 'insights', element: <InsightsPage /> },
  { path: 'imports', element: <ImportsPage /> },
  { path: 'report', element: <ReportPage /> },
];
