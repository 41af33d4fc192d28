import { useState } from 'react';
import type { Annotation } from '@resonance/contracts';
import { ConfirmButton } from '../components/ConfirmButton';
import { FormError } from '../components/FormError';
import {
  useCreateAnnotationMutation,
  useDeleteAnnotationMutation,
  useUpdateAnnotationMutation,
} from './annotationsApi';
import { AnnotationForm } from './AnnotationForm';
import { markNumber } from './annotationMarks';
import type { PlacedAnnotation } from './placeAnnotations';
import './annotations.css';

export interface AnnotationListProps {
  id?: string;
  placed: readonly PlacedAnnotation[];
  /** The notes behind `placed`, for editing. */
  annotations: readonly Annotation[];
  /** Owners and managers: add, edit and delete notes (observances come from the calendar). */
  canEdit: boolean;
  defaultDate: string;
  campaign: { id: string; name: string } | null;
}

/**
 * The chart's notes and observances as a numbered list (the numbers on the chart), for keyboard and
 * screen-reader users and for print; editors add, change and delete notes here.
 */
export function AnnotationList({ id, placed, annotations, canEdit, defaultDate, campaign }: AnnotationListProps) {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const create = useCreateAnnotationMutation();
  const update = useUpdateAnnotationMutation();
  const remove = useDeleteAnnotationMutation();
  const byId = new Map(annotations.map((a) => [a.id, a]));
  if (placed.length === 0 && !canEdit) return null;
  return (
    <section className="annotation-list" aria-label="Notes and observances on this chart" id={id}>
      {placed.length > 0 && (
        <ol>
          {placed.map((a, i) => {
            const note = a.kind === 'note' ? byId.get(a.id) : undefined;
            return (
              <li key={a.id} data-kind={a.kind}>
                <span className={`annotation-list__mark annotation-list__mark--${a.kind}`} aria-hidden="true">
                  {markNumber(i)}
                </span>{' '}
                <span className="annotation-list__dates">{a.dates}</span> — {a.text}
                {a.kind === 'observance' ? (
                  <span className="annotation-list__kind"> (observance)</span>
                ) : (
                  note?.campaign && <span className="annotation-list__kind"> ({note.campaign.name})</span>
                )}
                {canEdit && note && editing !== note.id && (
                  <span className="annotation-list__actions no-print">
                    <button
                      type="button"
                      className="button button--small"
                      aria-label={`Edit note ${note.text}`}
                      onClick={() => setEditing(note.id)}
                    >
                      Edit
                    </button>
                    <ConfirmButton
                      label="Delete"
                      ariaLabel={`Delete note ${note.text}`}
                      question={`Delete “${note.text}”?`}
                      confirmLabel="Yes, delete"
                      pending={remove.isPending}
                      onConfirm={() => remove.mutate(note.id)}
                    />
                  </span>
                )}
                {note && editing === note.id && (
                  <AnnotationForm
                    note={note}
                    defaultDate={defaultDate}
                    campaign={campaign}
                    pending={update.isPending}
                    error={update.error}
                    onSubmit={(request) =>
                      update.mutate({ id: note.id, request }, { onSuccess: () => setEditing(null) })
                    }
                    onCancel={() => setEditing(null)}
                  />
                )}
              </li>
            );
          })}
        </ol>
      )}
      <FormError error={remove.error} />
      {canEdit && (
        <div className="no-print">
          {editing === 'new' ? (
            <AnnotationForm
              defaultDate={defaultDate}
              campaign={campaign}
              pending={create.isPending}
              error={create.error}
              onSubmit={(request) => create.mutate(request, { onSuccess: () => setEditing(null) })}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <button type="button" className="button button--small" onClick={() => setEditing('new')}>
              Add a note
            </button>
          )}
        </div>
      )}
    </section>
  );
}
