import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Layout } from './Layout';

describe('Layout', () => {
  it('shows the brand, a main navigation and the page content', () => {
    const router = createMemoryRouter([{ path: '/', element: <Layout />, children: [{ index: true, element: <p>Page body</p> }] }]);
    render(<RouterProvider router={router} />);
    expect(screen.getByRole('banner').textContent).toContain('Resonance');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('main').textContent).toContain('Page body');
  });
});
