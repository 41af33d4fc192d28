import { useId, useState, type FormEvent } from 'react';
import { API_KEY_SCOPES, type ApiKeyScope, type CreatedApiKey } from '@resonance/contracts';
import { FormError } from '../../../shared/components/FormError';
import { useCreateApiKeyMutation } from '../api/settingsApi';

export const SCOPE_DESCRIPTIONS: Record<ApiKeyScope, string> = {
  ingest: 'send engagement events (POST /api/v1/events)',
  read: 'read analytics and settings',
  import: 'upload platform exports (POST /api/v1/imports)',
};

export function CreateApiKeyForm({ onCreated }: { onCreated: (key: CreatedApiKey) => void }) {
  const id = useId();
  const create = useCreateApiKeyMutation();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['ingest']);
  const [localError, setLocalError] = useState<string | null>(null);
  const toggle = (scope: ApiKeyScope, on: boolean) =>
    setScopes((s) => (on ? [...s, scope] : s.filter((x) => x !== scope)));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (scopes.length === 0) {
      setLocalError('Choose at least one scope.');
      return;
    }
    setLocalError(null);
    create.mutate(
      { name: name.trim(), scopes: API_KEY_SCOPES.filter((s) => scopes.includes(s)) },
      {
        onSuccess: (key) => {
          setName('');
          onCreated(key);
        },
      },
    );
  };
  return (
    <form className="card form-grid" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Create an API key</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          required
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-describedby={`${id}-name-hint`}
          autoComplete="off"
        />
        <span id={`${id}-name-hint`} className="hint">
          Where it is used, e.g. “Website events” — so you know what stops working if you revoke it.
        </span>
      </div>
      <fieldset className="field">
        <legend>Scopes</legend>
        {API_KEY_SCOPES.map((scope) => (
          <label key={scope} className="checkbox">
            <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />
            <span>
              <code>{scope}</code>: {SCOPE_DESCRIPTIONS[scope]}
            </span>
          </label>
        ))}
      </fieldset>
      {localError && (
        <p className="form-error" role="alert">
          {localError}
        </p>
      )}
      <FormError error={create.error} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </div>
    </form>
  );
}
