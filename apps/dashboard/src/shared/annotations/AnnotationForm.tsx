import { useId, useState, type FormEvent } from 'react';
import { ANNOTATION_TEXT_MAX, type Annotation, type CreateAnnotationRequest } from '@resonance/contracts';
import { FormError } from '../components/FormError';

export interface AnnotationFormProps {
  /** Editing this note; omitted: a new one. */
  note?: Annotation;
  /** The day a new note starts on by default (the chart's last day). */
  defaultDate: string;
  /** The campaign the page is filtered to: a note may be tied to it. */
  campaign: { id: string; name: string } | null;
  pending: boolean;
  error: unknown;
  onSubmit: (request: CreateAnnotationRequest) => void;
  onCancel: () => void;
}

/** A note on a date or a range: text, first day, optional last day, optionally this campaign only. */
export function AnnotationForm({
  note,
  defaultDate,
  campaign,
  pending,
  error,
  onSubmit,
  onCancel,
}: AnnotationFormProps) {
  const id = useId();
  const [text, setText] = useState(note?.text ?? '');
  const [startsOn, setStartsOn] = useState(note?.startsOn ?? defaultDate);
  const [endsOn, setEndsOn] = useState(note && note.endsOn !== note.startsOn ? note.endsOn : '');
  const [tied, setTied] = useState(note ? note.campaign !== null : false);
  const tiedTo = note?.campaign ?? campaign;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      text,
      startsOn,
      endsOn: endsOn || startsOn,
      campaignId: tied && tiedTo ? tiedTo.id : null,
    });
  };

  return (
    <form className="annotation-form" aria-label={note ? `Edit note ${note.text}` : 'Add a note'} onSubmit={submit}>
      <label htmlFor={`${id}-text`}>Note</label>
      <input
        id={`${id}-text`}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={ANNOTATION_TEXT_MAX}
        required
        placeholder="e.g. Press coverage, paid boost started"
        aria-describedby={`${id}-limit`}
      />
      <small id={`${id}-limit`}>Up to {ANNOTATION_TEXT_MAX} characters.</small>
      <div className="annotation-form__dates">
        <label>
          <span>From</span>
          <input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} required />
        </label>
        <label>
          <span>To (optional)</span>
          <input type="date" value={endsOn} min={startsOn} onChange={(e) => setEndsOn(e.target.value)} />
        </label>
      </div>
      {tiedTo && (
        <label className="annotation-form__check">
          <input type="checkbox" checked={tied} onChange={(e) => setTied(e.target.checked)} />
          <span>Only for {tiedTo.name}</span>
        </label>
      )}
      <FormError error={error} />
      <div className="annotation-form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {note ? 'Save note' : 'Add note'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
