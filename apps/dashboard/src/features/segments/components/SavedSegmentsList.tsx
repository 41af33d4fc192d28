import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { Segment } from '@resonance/contracts';
import { ConfirmButton } from '../../../shared/components/ConfirmButton';
import { FormError } from '../../../shared/components/FormError';
import { useDeleteSegment, useUpdateSegment } from '../../../shared/api/segmentsApi';
import { describeRules } from '../utils/segmentReport';

function RenameForm({ segment, onDone }: { segment: Segment; onDone: () => void }) {
  const [name, setName] = useState(segment.name);
  const update = useUpdateSegment();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ id: segment.id, changes: { name: name.trim() } }, { onSuccess: onDone });
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={`rename-${segment.id}`}>
        New name for {segment.name}
      </label>
      <input
        id={`rename-${segment.id}`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={100}
        autoFocus
      />
      <button
        type="submit"
        className="button button--primary button--small"
        disabled={update.isPending || !name.trim()}
      >
        Save
      </button>
      <button type="button" className="button button--small" onClick={onDone}>
        Cancel
      </button>
      <FormError error={update.error} />
    </form>
  );
}

/** Presets (read-only) and the organisation's saved segments: rename, delete, or use as a filter. */
export function SavedSegmentsList({
  segments,
  search,
  canEdit = true,
}: {
  segments: Segment[];
  search: string;
  /** False for roles that may not change segments: no Rename or Delete. */
  canEdit?: boolean;
}) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const remove = useDeleteSegment();
  const withSegment = (id: string) => {
    const params = new URLSearchParams(search);
    params.set('segment', id);
    return `/?${params.toString()}`;
  };
  return (
    <section className="card" aria-labelledby="saved-segments-title">
      <h2 id="saved-segments-title" className="chart-card__title">
        Saved segments
      </h2>
      <ul className="segment-list">
        {segments.map((s) => (
          <li key={s.id} className="segment-list__item">
            {renaming === s.id ? (
              <RenameForm segment={s} onDone={() => setRenaming(null)} />
            ) : (
              <div className="segment-list__main">
                <strong>{s.name}</strong> {s.isPreset && <span className="tag">Preset</span>}
                <div className="muted">{describeRules(s.rules as Record<string, string[]>)}</div>
              </div>
            )}
            <div className="segment-list__actions">
              <Link to={withSegment(s.id)} aria-label={`Overview for ${s.name}`}>
                Overview
              </Link>
              {canEdit && !s.isPreset && renaming !== s.id && (
                <>
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => setRenaming(s.id)}
                    aria-label={`Rename ${s.name}`}
                  >
                    Rename
                  </button>
                  <ConfirmButton
                    label="Delete"
                    ariaLabel={`Delete ${s.name}`}
                    question={`Delete “${s.name}”?`}
                    confirmLabel="Yes, delete"
                    pending={remove.isPending}
                    onConfirm={() => remove.mutate(s.id)}
                  />
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      <FormError error={remove.error} />
    </section>
  );
}
