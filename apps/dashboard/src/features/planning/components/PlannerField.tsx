import { useId } from 'react';

interface Props {
  label: string;
  hint: string;
  value: string;
  error?: string;
  suffix?: string;
  inputMode?: 'decimal' | 'numeric';
  onChange: (value: string) => void;
}

/** A labelled text input with a hint, an optional unit and an inline error. */
export function PlannerField({ label, hint, value, error, suffix, inputMode = 'decimal', onChange }: Props) {
  const id = useId();
  return (
    <div className="planning-field">
      <label htmlFor={id}>{label}</label>
      <div className="planning-input">
        <input
          id={id}
          type="text"
          inputMode={inputMode}
          autoComplete="off"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(e) => onChange(e.target.value)}
        />
        {suffix && <span aria-hidden="true">{suffix}</span>}
      </div>
      <span id={`${id}-hint`} className="planning-hint">
        {hint}
      </span>
      {error && (
        <span id={`${id}-error`} className="planning-field-error">
          {error}
        </span>
      )}
    </div>
  );
}
