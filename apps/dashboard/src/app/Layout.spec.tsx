import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { SessionContext } from '../shared/session/useSession';
import { Layout } from './Layout';

describe('Layout', () => {
  it('shows the brand, the signed-in user and organisation, a main navigation and the page content', () => {
    const router = createMemoryRouter([
      { path: '/', element: <Layout />, children: [{ index: true, element: <p>Page body</p> }] },
    ]);
    render(
      <QueryClientProvider client={new QueryClient()}>
        <SessionContext.Provider
          value={{
            user: { id: 'u1', email: 'owner@example.org', role: 'owner' },
            organization: { id: 'o1', name: 'Mindful Futures', suppressionThreshold: 11 },
          }}
        >
          <RouterProvider router={router} />
        </SessionContext.Provider>
      </QueryClientProvider>,
    );
    const banner = screen.getByRole('banner');
    expect(banner.textContent).toContain('Resonance');
    expect(banner.textContent).toContain('owner@example.org');
    expect(banner.textContent).toContain('Owner');
    expect(banner.textContent).toContain('Mindful Futures');
    expect(screen.getByRole('button', { name: 'Log out' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('main').textContent).toContain('Page body');
  });
});
