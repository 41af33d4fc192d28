import { useId, useState, type FormEvent } from 'react';
import type { CreatedShareLink } from '@resonance/contracts';
import { CopyButton } from '../../../shared/components/CopyButton';
import { FormError } from '../../../shared/components/FormError';
import { formatDateTime } from '../../../shared/format';
import { useCreateShareLinkMutation } from '../api/shareLinksApi';
import { shareLinkUrl } from '../utils/savedViewFilters';

const EXPIRY_DAYS = [7, 30, 90, 365] as const;

export interface ShareLinkFormProps {
  /** The view to share; called on submit (it may save the view first). */
  resolveViewId: (name: string) => Promise<string>;
  /** Ask for a view name (when the view is not saved yet). */
  askName: boolean;
  defaultName?: string;
}

/** Creates a read-only link (expiry, optional password) and shows it once, with a copy button. */
export function ShareLinkForm({ resolveViewId, askName, defaultName = '' }: ShareLinkFormProps) {
  const id = useId();
  const create = useCreateShareLinkMutation();
  const [name, setName] = useState(defaultName);
  const [days, setDays] = useState<number>(30);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const [link, setLink] = useState<CreatedShareLink | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setPending(true);
    try {
      const savedViewId = await resolveViewId(name.trim());
      const created = await create.mutateAsync({
        savedViewId,
        expiresInDays: days,
        ...(password ? { password } : {}),
      });
      setLink(created);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };

  if (link) {
    const url = shareLinkUrl(link.path);
    return (
      <div className="share-result" aria-live="polite">
        <label htmlFor={`${id}-url`}>Share link</label>
        <input id={`${id}-url`} readOnly value={url} onFocus={(e) => e.target.select()} data-testid="share-link-url" />
        <CopyButton text={url} label="Copy link" />
        <p className="hint">
          Shown once: copy it now. Anyone with this link{link.hasPassword ? ' and the password' : ''} sees “
          {link.savedViewName}” — nothing else — until {formatDateTime(link.expiresAt)}. Revoke it under Saved views.
        </p>
      </div>
    );
  }

  return (
    <form className="inline-form share-form" onSubmit={(e) => void submit(e)} aria-label="Create a share link">
      {askName && (
        <div className="field">
          <label htmlFor={`${id}-name`}>View name</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-days`}>Link expires after</label>
        <select id={`${id}-days`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
          {EXPIRY_DAYS.map((d) => (
            <option key={d} value={d}>
              {d} days
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>Password (optional)</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          minLength={8}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Creating…' : 'Create link'}
        </button>
      </div>
      <FormError error={error} />
    </form>
  );
}
