import { lazy } from 'react';
import type { RouteObject } from 'react-router';

const CampaignsPage = lazy(() => import('./components/CampaignsPage').then((m) => ({ default: m.CampaignsPage })));
const CampaignPage = lazy(() => import('./components/CampaignPage').then((m) => ({ default: m.CampaignPage })));
const NewCampaignPage = lazy(() =>
  import('./components/CampaignEditorPages').then((m) => ({ default: m.NewCampaignPage })),
);
const EditCampaignPage = lazy(() =>
  import('./components/CampaignEditorPages').then((m) => ({ default: m.EditCampaignPage })),
);
const EditCreativePage = lazy(() =>
  import('./components/EditCreativePage').then((m) => ({ default: m.EditCreativePage })),
);

/** Mounted under /campaigns by the app router (the shell's Suspense shows loading). */
export const campaignsRoutes: RouteObject[] = [
  { index: true, element: <CampaignsPage /> },
  { path: 'new', element: <NewCampaignPage /> },
  { path: ':campaignId', element: <CampaignPage /> },
  { path: ':campaignId/edit', element: <EditCampaignPage /> },
  { path: ':campaignId/creatives/:creativeId/edit', element: <EditCreativePage /> },
];
