import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { LinkedCampaign, ObservanceDetail } from '@resonance/contracts';
import { ApiError, errorMessage } from '../../../shared/api/http';
import { usePlanCampaignMutation } from '../api/planningApi';
import { todayIso } from '../utils/calendar';
import { formatDateRange } from '../../../shared/format';
import {
  defaultCampaignKey,
  defaultCampaignName,
  plannableYears,
  toPlanCampaignRequest,
  type PlanCampaignDraft,
} from '../utils/planCampaign';

/** "Plan a campaign": creates a campaign linked to the observance, its window set to that year's dates. */
export function PlanCampaignForm({ observance }: { observance: ObservanceDetail }) {
  const id = useId();
  const years = plannableYears(observance.occurrences, todayIso());
  const firstYear = years[0] ?? new Date().getUTCFullYear();
  const [draft, setDraft] = useState<PlanCampaignDraft>({
    year: String(firstYear),
    name: defaultCampaignName(observance.name, firstYear),
    key: defaultCampaignKey(observance.slug, firstYear),
  });
  const [errors, setErrors] = useState<Partial<Record<keyof PlanCampaignDraft, string>>>({});
  const [created, setCreated] = useState<LinkedCampaign | null>(null);
  const mutation = usePlanCampaignMutation(observance.id);
  const occurrence = observance.occurrences.find((o) => String(o.year) === draft.year);

  const onYear = (value: string) => {
    const year = Number(value);
    setDraft((prev) => ({
      year: value,
      // Follow the year while the user kept our suggestions.
      name:
        prev.name === defaultCampaignName(observance.name, Number(prev.year))
          ? defaultCampaignName(observance.name, year)
          : prev.name,
      key:
        prev.key === defaultCampaignKey(observance.slug, Number(prev.year))
          ? defaultCampaignKey(observance.slug, year)
          : prev.key,
    }));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const result = toPlanCampaignRequest(draft);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    mutation.mutate(result.request, { onSuccess: setCreated });
  };
  const keyTaken = mutation.error instanceof ApiError && mutation.error.code === 'campaign_key_taken';
  const keyError = errors.key ?? (keyTaken ? errorMessage(mutation.error) : undefined);

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Plan a campaign</h2>
      {years.length === 0 ? (
        <p className="planning-muted">No upcoming dates for this observance.</p>
      ) : (
        <form className="planning-plan-form" onSubmit={onSubmit} noValidate>
          <div className="planning-field">
            <label htmlFor={`${id}-year`}>Year</label>
            <select id={`${id}-year`} value={draft.year} onChange={(e) => onYear(e.target.value)}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
            {occurrence && (
              <span className="planning-hint">Window: {formatDateRange(occurrence.startsOn, occurrence.endsOn)}</span>
            )}
          </div>
          <div className="planning-field">
            <label htmlFor={`${id}-name`}>Campaign name</label>
            <input
              id={`${id}-name`}
              value={draft.name}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? `${id}-name-error` : undefined}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            />
            {errors.name && (
              <span id={`${id}-name-error`} className="planning-field-error">
                {errors.name}
              </span>
            )}
          </div>
          <div className="planning-field">
            <label htmlFor={`${id}-key`}>Campaign key</label>
            <input
              id={`${id}-key`}
              value={draft.key}
              spellCheck={false}
              aria-invalid={keyError ? true : undefined}
              aria-describedby={`${id}-key-hint${keyError ? ` ${id}-key-error` : ''}`}
              onChange={(e) => setDraft({ ...draft, key: e.target.value })}
            />
            <span id={`${id}-key-hint`} className="planning-hint">
              Events name the campaign by this key.
            </span>
            {keyError && (
              <span id={`${id}-key-error`} className="planning-field-error">
                {keyError}
              </span>
            )}
          </div>
          <div className="planning-plan-form__actions">
            <button type="submit" className="button button--primary" disabled={mutation.isPending}>
              {mutation.isPending ? 'Creating…' : 'Create linked campaign'}
            </button>
          </div>
        </form>
      )}
      <div aria-live="polite">
        {mutation.isError && !keyTaken && (
          <p className="planning-field-error" role="alert">
            Could not create the campaign: {errorMessage(mutation.error)}
          </p>
        )}
        {created && (
          <p className="planning-success" role="status">
            Created <Link to={`/campaigns/${created.id}`}>{created.name}</Link> ({created.key}),{' '}
            {created.startsOn && created.endsOn
              ? `running ${formatDateRange(created.startsOn, created.endsOn)}`
              : 'without a window'}
            , linked to this observance for {created.observanceYear}.
          </p>
        )}
      </div>
    </section>
  );
}
