import { useId, useState, type FormEvent } from 'react';
import { KEY_RULE, type Campaign, type CreateCampaignRequest } from '@resonance/contracts';
import { FormError } from '../../../shared/components/FormError';
import { nullIfBlank, splitList } from '../utils/labels';

export interface CampaignFormProps {
  /** The campaign being edited; a new one when absent. */
  campaign?: Campaign;
  /** A new campaign's name to start from (an import's unknown campaign). */
  initialName?: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: CreateCampaignRequest) => void;
  onCancel: () => void;
}

/** Create or edit a campaign. The server validates; its messages are shown under the form. */
export function CampaignForm({
  campaign,
  initialName,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: CampaignFormProps) {
  const id = useId();
  const [key, setKey] = useState(campaign?.key ?? '');
  const [name, setName] = useState(campaign?.name ?? initialName ?? '');
  const [objective, setObjective] = useState(campaign?.objective ?? '');
  const [startsOn, setStartsOn] = useState(campaign?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(campaign?.endsOn ?? '');
  const [tags, setTags] = useState(campaign?.tags.join(', ') ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      key: key.trim(),
      name: name.trim(),
      objective: nullIfBlank(objective),
      startsOn: startsOn || null,
      endsOn: endsOn || null,
      tags: splitList(tags),
    });
  };

  return (
    <form className="card form-grid" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-key`}>Key</label>
        <input
          id={`${id}-key`}
          required
          maxLength={128}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          aria-describedby={`${id}-key-hint`}
          spellCheck={false}
          autoComplete="off"
        />
        <span id={`${id}-key-hint`} className="hint">
          The name your events and imports use for it: {KEY_RULE}.
          {campaign && ' Changing it breaks senders still using the old key.'}
        </span>
      </div>
      <div className="field form-grid__wide">
        <label htmlFor={`${id}-objective`}>Objective</label>
        <textarea
          id={`${id}-objective`}
          rows={2}
          maxLength={500}
          value={objective}
          onChange={(e) => setObjective(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-starts`}>Starts on</label>
        <input id={`${id}-starts`} type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-ends`}>Ends on</label>
        <input
          id={`${id}-ends`}
          type="date"
          value={endsOn}
          min={startsOn || undefined}
          onChange={(e) => setEndsOn(e.target.value)}
        />
      </div>
      <div className="field form-grid__wide">
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input
          id={`${id}-tags`}
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          aria-describedby={`${id}-tags-hint`}
        />
        <span id={`${id}-tags-hint`} className="hint">
          Separated by commas, e.g. “youth, peer support”.
        </span>
      </div>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
