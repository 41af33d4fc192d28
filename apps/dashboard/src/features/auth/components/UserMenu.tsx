import { useNavigate } from 'react-router';
import { errorMessage } from '../../../shared/api/http';
import { useLogoutMutation } from '../api/authApi';
import { useSession } from '../../../shared/session/useSession';
import { ROLE_LABELS } from '../../../shared/session/permissions';

/** The signed-in user, their role and organisation, and the Log out button (in the shell header). */
export function UserMenu() {
  const { user, organization } = useSession();
  const logout = useLogoutMutation();
  const navigate = useNavigate();
  return (
    <div className="user-menu">
      <div className="user-menu__who">
        <span className="user-menu__org" title="Organisation">
          {organization.name}
        </span>
        <span className="user-menu__user">
          {user.email} <span className="badge">{ROLE_LABELS[user.role]}</span>
        </span>
      </div>
      <button
        type="button"
        className="button"
        disabled={logout.isPending}
        onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
      >
        {logout.isPending ? 'Logging out…' : 'Log out'}
      </button>
      {logout.isError && (
        <p className="form-error" role="alert">
          {errorMessage(logout.error)}
        </p>
      )}
    </div>
  );
}
