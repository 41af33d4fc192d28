import { routePatterns } from './routePatterns';

describe('routePatterns', () => {
  it('lists every page of a nested route tree once, with index routes at their parent path', () => {
    const page = 'page';
    expect(
      routePatterns([
        { path: '/login', element: page },
        {
          path: '/',
          element: page,
          children: [
            { index: true, element: page },
            { path: 'settings', element: page, children: [{ path: 'members', element: page }] },
            {
              path: 'planning',
              children: [
                { index: true, element: page },
                { path: 'observances/:id', element: page },
              ],
            },
            {
              path: 'campaigns',
              children: [
                { index: true, element: page },
                { path: ':campaignId/edit', element: page },
              ],
            },
            { path: '*', element: page },
          ],
        },
      ]),
    ).toEqual([
      '/login',
      '/',
      '/settings',
      '/settings/members',
      '/planning',
      '/planning/observances/:id',
      '/campaigns',
      '/campaigns/:campaignId/edit',
    ]);
  });
});

describe('the app router', () => {
  it('gives the browser tests every page, parameterised ones included', async () => {
    const { appRoutes } = await import('./router');
    const patterns = routePatterns(appRoutes);
    expect(patterns).toEqual(
      expect.arrayContaining(['/login', '/', '/report', '/campaigns/:campaignId/edit', '/planning/observances/:id']),
    );
    expect(patterns).not.toContain('*');
  });
});
