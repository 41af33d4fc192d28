import { Suspense } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import type { Role } from '@resonance/contracts';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';

export const SETTINGS_TABS: { to: string; label: string; allowed: (role: Role) => boolean }[] = [
  { to: 'members', label: 'Members', allowed: can.manageMembers },
  { to: 'api-keys', label: 'API keys', allowed: can.manageApiKeys },
  { to: 'privacy', label: 'Privacy', allowed: () => true },
  { to: 'audit', label: 'Audit log', allowed: can.readAudit },
  { to: 'account', label: 'Your account', allowed: () => true },
];

/** /settings: a sub-navigation of the sections the user's role may open. */
export function SettingsLayout() {
  const { user } = useSession();
  const tabs = SETTINGS_TABS.filter((t) => t.allowed(user.role));
  const location = useLocation();
  const first = tabs[0];
  if (first && /^\/settings\/?$/.test(location.pathname)) return <Navigate to={first.to} replace />;
  return (
    <div className="settings">
      <nav className="subnav" aria-label="Settings">
        <ul>
          {tabs.map((t) => (
            <li key={t.to}>
              <NavLink to={t.to}>{t.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings__body">
        <Suspense
          fallback={
            <p className="page-status" role="status">
              Loading…
            </p>
          }
        >
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}

/** Shown when a role opens a section it may not use (the API would refuse it too). */
export function NotAllowed({ what }: { what: string }) {
  return (
    <div className="empty-state">
      <h2>Owners only</h2>
      <p>Only an owner of your organisation can manage {what}. Ask an owner if you need a change.</p>
    </div>
  );
}
