import { Suspense, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { UserMenu } from '../features/auth/components/UserMenu';
import { BrandMark } from '../shared/components/BrandMark';
import { useFocusMainOnNavigate } from './useFocusMainOnNavigate';

/** The main navigation. Features add one line each. */
export const NAV_ITEMS = [
  { to: '/', label: 'Overview' },
  { to: '/creatives', label: 'Compare creatives' },
  { to: '/segments', label: 'Segments' },
  { to: '/insights', label: 'Insights' },
  { to: '/imports', label: 'Imports' },
  { to: '/campaigns', label: 'Campaigns' },
  { to: '/planning', label: 'Planning' },
  { to: '/views', label: 'Saved views' },
  { to: '/settings', label: 'Settings' },
] as const;

export function Layout() {
  useFocusMainOnNavigate();
  // On a phone the navigation folds behind a Menu button so the page starts on the first screen.
  // Remembering where it was opened closes it on the next page.
  const { pathname } = useLocation();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === pathname;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <a className="brand" href="/" aria-label="Resonance home">
          <BrandMark />
          <span>Resonance</span>
        </a>
        <span className="shell__tagline">Campaign analytics for awareness campaigns</span>
        <button
          type="button"
          className="button shell__menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setOpenOn(menuOpen ? null : pathname)}
        >
          Menu
        </button>
        <UserMenu />
      </header>
      <nav id="main-nav" className={menuOpen ? 'shell__nav shell__nav--open' : 'shell__nav'} aria-label="Main">
        <ul>
          {NAV_ITEMS.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.to === '/'}>
                {item.label}
              </NavLink>
            </li>
          ))}
          <li>
            <a href="/api/docs">API docs</a>
          </li>
        </ul>
      </nav>
      <main id="main" className="shell__main" tabIndex={-1}>
        <Suspense
          fallback={
            <p className="page-status" role="status">
              Loading…
            </p>
          }
        >
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
