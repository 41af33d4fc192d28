import { useEffect, useRef, useState, type ReactNode } from 'react';

export interface ConfirmButtonProps {
  /** The button that starts it ("Revoke"). */
  label: string;
  /** Accessible name when the label alone is ambiguous in a list ("Revoke key Ingest bot"). */
  ariaLabel?: string;
  /** The question shown before acting ("Revoke Ingest bot? Scripts using it stop working."). */
  question: ReactNode;
  /** The confirming button's text ("Yes, revoke"). */
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  danger?: boolean;
}

/** A destructive action in two steps, inline: no modal, keyboard focus moves to the confirm button. */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  confirmLabel,
  onConfirm,
  pending,
  danger = true,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const startRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) startRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        ref={startRef}
        type="button"
        className={danger ? 'button button--danger-outline' : 'button'}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
        disabled={pending}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={ariaLabel ?? label}>
      <span className="confirm__question">{question}</span>
      <button
        ref={confirmRef}
        type="button"
        className={danger ? 'button button--danger' : 'button button--primary'}
        disabled={pending}
        onClick={() => {
          onConfirm();
          setAsking(false);
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
