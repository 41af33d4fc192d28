import { NavLink, Outlet } from 'react-router';

export const NAV_ITEMS = [{ to: '/', label: 'Overview' }] as const;

export function Layout() {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell__header">
        <a className="brand" href="/" aria-label="Resonance home">
          <svg aria-hidden="true" viewBox="0 0 32 32" width="28" height="28">
            <circle cx="16" cy="16" r="14" fill="currentColor" />
            <path d="M8 18c3-6 5-6 8 0s5 6 8 0" stroke="#fff" strokeWidth="2.5" fill="none" strokeLinecap="round" />
          </svg>
          <span>Resonance</span>
        </a>
        <span className="shell__tagline">Campaign analytics for awareness campaigns</span>
      </header>
      <nav className="shell__nav" aria-label="Main">
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
        <Outlet />
      </main>
    </div>
  );
}
