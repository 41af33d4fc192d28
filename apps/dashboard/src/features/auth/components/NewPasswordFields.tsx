import { PASSWORD_MIN_LENGTH } from '@resonance/contracts';

/** New password + confirmation, with the rule the server applies stated up front. */
export function NewPasswordFields({
  id,
  value,
  confirm,
  onChange,
  onConfirmChange,
}: {
  id: string;
  value: string;
  confirm: string;
  onChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
}) {
  const mismatch = confirm.length > 0 && confirm !== value;
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-new`}>New password</label>
        <input
          id={`${id}-new`}
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={`${id}-new-hint`}
        />
        <span id={`${id}-new-hint`} className="hint">
          At least {PASSWORD_MIN_LENGTH} characters, hard to guess, and not your email. A passphrase of three or four
          unrelated words works well.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-confirm`}>New password again</label>
        <input
          id={`${id}-confirm`}
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => onConfirmChange(e.target.value)}
          aria-invalid={mismatch || undefined}
          aria-describedby={mismatch ? `${id}-mismatch` : undefined}
        />
        {mismatch && (
          <span id={`${id}-mismatch`} className="hint">
            The two passwords differ.
          </span>
        )}
      </div>
    </>
  );
}
