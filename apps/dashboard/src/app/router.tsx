import { createBrowserRouter } from 'react-router';
import { OverviewPage } from '../features/overview/components/OverviewPage';
import { Layout } from './Layout';
import { NotFoundPage } from './NotFoundPage';

export function createAppRouter() {
  return createBrowserRouter([
    {
      path: '/',
      element: <Layout />,
      children: [
        { index: true, element: <OverviewPage /> },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
