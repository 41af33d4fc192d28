import { useId, useState, type FormEvent } from 'react';
import { MIN_SUPPRESSION_THRESHOLD } from '@resonance/contracts';
import { FormError } from '../../../shared/components/FormError';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';
import { useOrganizationQuery, useUpdateOrganizationMutation } from '../api/settingsApi';
import { OrganizationNameForm } from './OrganizationNameForm';

export function PrivacyPage() {
  const { user } = useSession();
  const editable = can.editOrganization(user.role);
  const org = useOrganizationQuery();
  const update = useUpdateOrganizationMutation();
  const id = useId();
  // null until the owner types: the field shows the saved value.
  const [draft, setDraft] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const current = org.data?.suppressionThreshold;
  const value = draft ?? (current === undefined ? '' : String(current));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    // The server checks the number (at least 11) and says what is wrong; send what was typed.
    const n = Number(value);
    update.mutate(
      { suppressionThreshold: Number.isFinite(n) && value.trim() !== '' ? n : Number.NaN },
      {
        onSuccess: () => {
          setDraft(null);
          setSaved(true);
        },
      },
    );
  };

  return (
    <section aria-labelledby="privacy-title">
      <PageHeader
        id="privacy-title"
        title="Privacy"
        description="How Resonance protects the people in your audience."
      />
      <div className="card prose">
        <h2>Small-cell suppression</h2>
        <p>
          Any figure about fewer people than the threshold is hidden everywhere it leaves the server — the dashboard,
          the API and exports — and shown as “&lt;{current ?? MIN_SUPPRESSION_THRESHOLD}”. Totals that would let someone
          work a hidden figure out by subtraction are hidden too. The threshold can be raised, never set below{' '}
          {MIN_SUPPRESSION_THRESHOLD}.
        </p>
        <p>
          Every other count is adjusted by a small amount, at most 5 up or down, fixed by the records it counts
          (cell-key perturbation, as statistics offices use for user-built tables): the same figure always reads the
          same, and subtracting one figure from another — across filters, periods, segments or exports — cannot give a
          hidden figure back exactly. Rows may not add up to their total by a few; on large figures the difference is
          negligible.
        </p>
        {org.isError && <FormError error={org.error} />}
        {editable ? (
          <form className="inline-form" onSubmit={onSubmit} noValidate>
            <div className="field">
              <label htmlFor={`${id}-threshold`}>Suppression threshold (people)</label>
              <input
                id={`${id}-threshold`}
                type="number"
                inputMode="numeric"
                min={MIN_SUPPRESSION_THRESHOLD}
                step={1}
                required
                value={value}
                onChange={(e) => {
                  setSaved(false);
                  setDraft(e.target.value);
                }}
                disabled={org.isPending}
                aria-invalid={update.isError || undefined}
                aria-describedby={update.isError ? `${id}-error` : `${id}-hint`}
              />
              <span id={`${id}-hint`} className="hint">
                Minimum {MIN_SUPPRESSION_THRESHOLD}.
              </span>
            </div>
            <button type="submit" className="button button--primary" disabled={update.isPending || org.isPending}>
              {update.isPending ? 'Saving…' : 'Save threshold'}
            </button>
          </form>
        ) : (
          <p>
            Your organisation’s threshold: <strong>{current ?? '…'}</strong>. Only an owner can change it.
          </p>
        )}
        <FormError error={update.error} id={`${id}-error`} />
        <p role="status" className="notice">
          {saved && `Saved: figures under ${current} people are now hidden.`}
        </p>
      </div>
      {editable && org.data && <OrganizationNameForm organization={org.data} />}
    </section>
  );
}
