import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorMessage, loginPath } from '../../../shared/api/http';
import { useMeQuery } from '../api/authApi';
import { SessionContext } from '../../../shared/session/useSession';

/** Renders its children for a signed-in user; otherwise sends them to /login and back afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();
  if (me.isPending) {
    return (
      <p className="page-status" role="status">
        Loading your session…
      </p>
    );
  }
  if (me.isError) {
    return (
      <div className="page-status" role="alert">
        <p>{errorMessage(me.error)}</p>
        <button type="button" className="button" onClick={() => void me.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  if (!me.data) return <Navigate to={loginPath(`${location.pathname}${location.search}${location.hash}`)} replace />;
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}
