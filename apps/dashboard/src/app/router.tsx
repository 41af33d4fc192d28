import { lazy, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoginPage } from '../features/auth/components/LoginPage';
import { ResetPasswordPage } from '../features/auth/components/ResetPasswordPage';
import { RequireSession } from '../features/auth/components/RequireSession';
import { campaignsRoutes } from '../features/campaigns/routes';
import { planningRoutes } from '../features/planning/routes';
import { analyticsRoutes } from './analyticsRoutes';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

// Pages load on first visit, so the first route (often /login) stays small; charts load with the overview.
const OverviewPage = lazy(() =>
  import('../features/overview/components/OverviewPage').then((m) => ({ default: m.OverviewPage })),
);
const SettingsLayout = lazy(() =>
  import('../features/settings/components/SettingsLayout').then((m) => ({ default: m.SettingsLayout })),
);
const MembersPage = lazy(() =>
  import('../features/settings/components/MembersPage').then((m) => ({ default: m.MembersPage })),
);
const ApiKeysPage = lazy(() =>
  import('../features/settings/components/ApiKeysPage').then((m) => ({ default: m.ApiKeysPage })),
);
const PrivacyPage = lazy(() =>
  import('../features/settings/components/PrivacyPage').then((m) => ({ default: m.PrivacyPage })),
);
const AccountPage = lazy(() =>
  import('../features/auth/components/AccountPage').then((m) => ({ default: m.AccountPage })),
);
const SavedViewsPage = lazy(() =>
  import('../features/sharing/components/SavedViewsPage').then((m) => ({ default: m.SavedViewsPage })),
);
const SharedViewPage = lazy(() =>
  import('../features/sharing/components/SharedViewPage').then((m) => ({ default: m.SharedViewPage })),
);
const AuditLogPage = lazy(() =>
  import('../features/settings/components/AuditLogPage').then((m) => ({ default: m.AuditLogPage })),
);

/** Every page of the app; `routePatterns` lists them for the browser tests (see main.tsx). */
export const appRoutes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  // A share link opens without an account, outside the signed-in layout (no navigation).
  {
    path: '/shared/:token',
    element: (
      <Suspense fallback={null}>
        <SharedViewPage />
      </Suspense>
    ),
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <Layout />
      </RequireSession>
    ),
    children: [
      { index: true, element: <OverviewPage /> },
      {
        path: 'settings',
        element: <SettingsLayout />,
        children: [
          { path: 'members', element: <MembersPage /> },
          { path: 'api-keys', element: <ApiKeysPage /> },
          { path: 'privacy', element: <PrivacyPage /> },
          { path: 'audit', element: <AuditLogPage /> },
          { path: 'account', element: <AccountPage /> },
        ],
      },
      { path: 'planning', children: planningRoutes },
      { path: 'campaigns', children: campaignsRoutes },
      { path: 'views', element: <SavedViewsPage /> },
      ...analyticsRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(appRoutes);
}
