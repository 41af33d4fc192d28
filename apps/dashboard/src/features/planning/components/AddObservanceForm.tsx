import { useId, useMemo, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { FormError } from '../../../shared/components/FormError';
import { useCreateObservanceMutation } from '../api/planningApi';
import { formatDateRange } from '../../../shared/format';
import {
  buildObservanceRequest,
  EMPTY_OBSERVANCE_DRAFT,
  FORM_RULE_KINDS,
  slugify,
  type FormRuleKind,
  type ObservanceDraft,
} from '../utils/observanceForm';
import { RuleFields } from './RuleFields';

function TextField(props: {
  id: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  onChange: (value: string) => void;
}) {
  const { id, label, value, error, hint, onChange } = props;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-error`} className="planning-field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** "Add your own observance": a rule, checked and previewed as you type, then created and opened. */
export function AddObservanceForm() {
  const id = useId();
  const navigate = useNavigate();
  const create = useCreateObservanceMutation();
  const [draft, setDraft] = useState<ObservanceDraft>(EMPTY_OBSERVANCE_DRAFT);
  const [slugEdited, setSlugEdited] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const thisYear = new Date().getUTCFullYear();
  const built = useMemo(() => buildObservanceRequest(draft, thisYear), [draft, thisYear]);

  const set = (field: keyof ObservanceDraft, value: string) =>
    setDraft((prev) => ({
      ...prev,
      [field]: value,
      ...(field === 'name' && !slugEdited ? { slug: slugify(value) } : {}),
    }));
  const errors = submitted && !built.ok ? built.errors : {};

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!built.ok) return;
    create.mutate(built.request, { onSuccess: (o) => void navigate(`/planning/observances/${o.id}`) });
  };

  return (
    <details className="card planning-add">
      <summary>Add your own observance</summary>
      <form
        className="form-grid planning-add__form"
        onSubmit={onSubmit}
        noValidate
        aria-label="Add your own observance"
      >
        <TextField
          id={`${id}-name`}
          label="Name"
          value={draft.name}
          error={errors.name}
          onChange={(v) => set('name', v)}
        />
        <TextField
          id={`${id}-slug`}
          label="Short name (slug)"
          value={draft.slug}
          error={errors.slug}
          hint="Unique in your organisation; used in links and the API."
          onChange={(v) => {
            setSlugEdited(true);
            set('slug', v);
          }}
        />
        <TextField
          id={`${id}-region`}
          label="Region"
          value={draft.region}
          error={errors.region}
          hint="'global', or a code such as UK, US, CA, AU."
          onChange={(v) => set('region', v)}
        />
        <div className="field">
          <label htmlFor={`${id}-kind`}>Falls on</label>
          <select id={`${id}-kind`} value={draft.kind} onChange={(e) => set('kind', e.target.value as FormRuleKind)}>
            {FORM_RULE_KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <RuleFields id={id} draft={draft} set={set} />
        <TextField
          id={`${id}-organiser`}
          label="Organiser (optional)"
          value={draft.organiser}
          onChange={(v) => set('organiser', v)}
        />
        <TextField
          id={`${id}-url`}
          label="Link (optional)"
          value={draft.url}
          error={errors.url}
          onChange={(v) => set('url', v)}
        />
        <div className="planning-add__preview" aria-live="polite">
          {built.ok ? (
            <p>
              <strong>{built.preview.description}</strong>:{' '}
              {built.preview.occurrences.map((o) => `${o.year}: ${formatDateRange(o.startsOn, o.endsOn)}`).join('; ')}.
            </p>
          ) : built.ruleErrors.length > 0 ? (
            <ul className="planning-field-error">
              {built.ruleErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">Fill in the fields to see the dates.</p>
          )}
        </div>
        <FormError error={create.error} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add observance'}
          </button>
        </div>
      </form>
    </details>
  );
}
