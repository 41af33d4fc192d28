import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import type { SharedViewSession } from '@resonance/contracts';
import { ApiError, errorMessage } from '../../../shared/api/http';
import { BrandMark } from '../../../shared/components/BrandMark';
import { formatDateTime, formatRange, PLATFORM_LABELS } from '../../../shared/format';
import { openSharedView } from '../api/sharedViewApi';
import { SharedFigures } from './SharedFigures';
import '../../../shared/analytics/components/analytics.css';
import './sharing.css';

type State =
  | { kind: 'opening' }
  | { kind: 'password'; error: unknown }
  | { kind: 'failed'; error: unknown }
  | { kind: 'open'; session: SharedViewSession };

/** A shared view for someone without an account: this one view, no navigation, nothing to change. */
export function SharedViewPage() {
  const { token = '' } = useParams();
  const [state, setState] = useState<State>({ kind: 'opening' });
  const [password, setPassword] = useState('');
  const opened = useRef<string | null>(null);
  const id = useId();

  const open = (pw?: string) =>
    openSharedView(token, pw).then(
      (session) => setState({ kind: 'open', session }),
      (error: unknown) => {
        const code = error instanceof ApiError ? error.code : '';
        if (code === 'share_password_required') setState({ kind: 'password', error: null });
        else if (code === 'share_password_wrong') setState({ kind: 'password', error });
        else setState({ kind: 'failed', error });
      },
    );

  useEffect(() => {
    // Each opening is counted: open once per token, also under StrictMode's double effects.
    if (opened.current === token) return;
    opened.current = token;
    void open();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  useEffect(() => {
    document.title = state.kind === 'open' ? `${state.session.view.name} · Resonance` : 'Shared view · Resonance';
  }, [state]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void open(password);
  };

  return (
    <div className="shared-view">
      <header className="shared-view__brand">
        <BrandMark /> <span>Resonance · shared view</span>
      </header>
      <main id="main">
        {state.kind === 'opening' && <p role="status">Opening the shared view…</p>}
        {state.kind === 'failed' && (
          <section role="alert">
            <h1>This view cannot be opened</h1>
            <p>{errorMessage(state.error)}</p>
          </section>
        )}
        {state.kind === 'password' && (
          <form className="card inline-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
            <h1 id={`${id}-title`}>This view is protected</h1>
            <div className="field">
              <label htmlFor={`${id}-password`}>Password</label>
              <input
                id={`${id}-password`}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            </div>
            <button type="submit" className="button button--primary">
              Open
            </button>
            {state.error !== null && <p role="alert">{errorMessage(state.error)}</p>}
          </form>
        )}
        {state.kind === 'open' && <OpenView session={state.session} />}
      </main>
    </div>
  );
}

function OpenView({ session }: { session: SharedViewSession }) {
  const { view } = session;
  return (
    <article className="analytics-page" aria-labelledby="shared-title">
      <header>
        <p className="muted">Shared by {view.organizationName}</p>
        <h1 id="shared-title">{view.name}</h1>
        <dl className="shared-view__facts">
          <dt>Period</dt>
          <dd data-testid="shared-period">{formatRange(view.period.from, view.period.to)}</dd>
          {view.comparison && (
            <>
              <dt>Compared with</dt>
              <dd>{formatRange(view.comparison.from, view.comparison.to)}</dd>
            </>
          )}
          <dt>Campaign</dt>
          <dd data-testid="shared-campaign">{view.campaign?.name ?? 'All campaigns'}</dd>
          <dt>Platform</dt>
          <dd>{view.platform ? PLATFORM_LABELS[view.platform] : 'All platforms'}</dd>
          <dt>Audience</dt>
          <dd>{view.segment?.name ?? 'Everyone'}</dd>
          <dt>Link valid until</dt>
          <dd>{formatDateTime(view.expiresAt)}</dd>
        </dl>
      </header>
      <SharedFigures accessToken={session.accessToken} view={view} />
    </article>
  );
}
