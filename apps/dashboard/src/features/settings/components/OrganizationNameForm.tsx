import { useId, useState, type FormEvent } from 'react';
import type { OrganizationSettings } from '@resonance/contracts';
import { FormError } from '../../../shared/components/FormError';
import { useUpdateOrganizationMutation } from '../api/settingsApi';

/** The organisation's name as the shell shows it (owners). */
export function OrganizationNameForm({ organization }: { organization: OrganizationSettings }) {
  const id = useId();
  const update = useUpdateOrganizationMutation();
  const [draft, setDraft] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const value = draft ?? organization.name;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    update.mutate(
      { name: value.trim() },
      {
        onSuccess: () => {
          setDraft(null);
          setSaved(true);
        },
      },
    );
  };
  return (
    <div className="card prose">
      <h2>Organisation</h2>
      <form className="inline-form" onSubmit={onSubmit} noValidate>
        <div className="field field--grow">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            maxLength={200}
            value={value}
            onChange={(e) => {
              setSaved(false);
              setDraft(e.target.value);
            }}
            aria-invalid={update.isError || undefined}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save name'}
        </button>
      </form>
      <FormError error={update.error} />
      <p role="status" className="notice">
        {saved && 'Saved.'}
      </p>
    </div>
  );
}
