import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { errorMessage } from '../../../shared/api/http';
import { BrandMark } from '../../../shared/components/BrandMark';
import { useLoginMutation, useMeQuery } from '../api/authApi';
import { safeReturnPath } from '../utils/safeReturnPath';

export function LoginPage() {
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));
  const navigate = useNavigate();
  const me = useMeQuery();
  const login = useLoginMutation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Resonance';
  }, []);
  useEffect(() => {
    if (login.isError) errorRef.current?.focus();
  }, [login.isError, login.failureCount]);

  if (me.data && !login.isPending) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  return (
    <div className="login">
      <main className="login__card" aria-labelledby="login-title">
        <div className="login__brand">
          <BrandMark />
          <span>Resonance</span>
        </div>
        <h1 id="login-title">Sign in</h1>
        <p className="muted">Campaign analytics for awareness campaigns.</p>
        <form onSubmit={onSubmit}>
          <div className="field">
            <label htmlFor="login-email">Email</label>
            <input
              id="login-email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={login.isError || undefined}
              aria-describedby={login.isError ? 'login-error' : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">Password</label>
            <input
              id="login-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={login.isError || undefined}
              aria-describedby={login.isError ? 'login-error' : undefined}
            />
          </div>
          {login.isError && (
            <p id="login-error" className="form-error" role="alert" tabIndex={-1} ref={errorRef}>
              {errorMessage(login.error)}
            </p>
          )}
          <button type="submit" className="button button--primary button--block" disabled={login.isPending}>
            {login.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
