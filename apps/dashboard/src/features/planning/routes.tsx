import { lazy, Suspense, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';

const PlanningPage = lazy(() => import('./components/PlanningPage').then((m) => ({ default: m.PlanningPage })));
const ObservancePage = lazy(() => import('./components/ObservancePage').then((m) => ({ default: m.ObservancePage })));

function Loading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="status-line" role="status">
          Loading planning…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

/** Mounted under /planning by the app router; pages load on first visit. */
export const planningRoutes: RouteObject[] = [
  {
    index: true,
    element: (
      <Loading>
        <PlanningPage />
      </Loading>
    ),
  },
  {
    path: 'observances/:id',
    element: (
      <Loading>
        <ObservancePage />
      </Loading>
    ),
  },
];
