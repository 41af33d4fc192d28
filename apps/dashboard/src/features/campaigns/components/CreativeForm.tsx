import { useId, useState, type FormEvent } from 'react';
import {
  CREATIVE_FORMATS,
  KEY_RULE,
  PLATFORMS,
  type CreateCreativeRequest,
  type Creative,
  type CreativeFormat,
  type Platform,
} from '@resonance/contracts';
import { PLATFORM_LABELS } from '../../../shared/format';
import { FormError } from '../../../shared/components/FormError';
import { FORMAT_LABELS, nullIfBlank, splitList } from '../utils/labels';

export interface CreativeFormProps {
  creative?: Creative;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: CreateCreativeRequest) => void;
  onCancel?: () => void;
  title: string;
}

/** Create a creative or fill in / change its details. */
export function CreativeForm({ creative, submitLabel, pending, error, onSubmit, onCancel, title }: CreativeFormProps) {
  const id = useId();
  const [key, setKey] = useState(creative?.key ?? '');
  const [name, setName] = useState(creative?.name ?? '');
  const [platform, setPlatform] = useState<Platform>(creative?.platform ?? 'instagram');
  const [format, setFormat] = useState<CreativeFormat>(creative?.format ?? 'short_video');
  const [theme, setTheme] = useState(creative?.theme ?? '');
  const [partner, setPartner] = useState(creative?.partner ?? '');
  const [tags, setTags] = useState(creative?.tags.join(', ') ?? '');
  const [externalIds, setExternalIds] = useState(creative?.externalIds.join(', ') ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      key: key.trim(),
      name: name.trim(),
      platform,
      format,
      theme: nullIfBlank(theme),
      partner: nullIfBlank(partner),
      tags: splitList(tags),
      externalIds: splitList(externalIds),
    });
  };

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
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
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setKey(e.target.value)}
          aria-describedby={`${id}-key-hint`}
        />
        <span id={`${id}-key-hint`} className="hint">
          Unique in the campaign: {KEY_RULE}.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-platform`}>Platform</label>
        <select id={`${id}-platform`} value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {PLATFORM_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-format`}>Format</label>
        <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as CreativeFormat)}>
          {CREATIVE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-theme`}>Theme</label>
        <input
          id={`${id}-theme`}
          maxLength={100}
          value={theme}
          onChange={(e) => setTheme(e.target.value)}
          placeholder="e.g. reaching out"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-partner`}>Partner</label>
        <input
          id={`${id}-partner`}
          maxLength={200}
          value={partner}
          onChange={(e) => setPartner(e.target.value)}
          placeholder="Influencer or partner organisation"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input
          id={`${id}-tags`}
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          aria-describedby={`${id}-tags-hint`}
        />
        <span id={`${id}-tags-hint`} className="hint">
          Separated by commas.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-external`}>Platform ids</label>
        <input
          id={`${id}-external`}
          value={externalIds}
          onChange={(e) => setExternalIds(e.target.value)}
          aria-describedby={`${id}-external-hint`}
          spellCheck={false}
        />
        <span id={`${id}-external-hint`} className="hint">
          Ad or post ids from the platform, separated by commas: imports use them to match rows.
        </span>
      </div>
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
