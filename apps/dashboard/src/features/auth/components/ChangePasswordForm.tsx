import { useId, useState, type FormEvent } from 'react';
import { FormError } from '../../../shared/components/FormError';
import { useChangePasswordMutation } from '../api/authApi';
import { NewPasswordFields } from './NewPasswordFields';

/** Change one's own password with the current one; other devices are signed out. */
export function ChangePasswordForm() {
  const id = useId();
  const change = useChangePasswordMutation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (next !== confirm) return;
    setDone(false);
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
          setDone(true);
        },
      },
    );
  };
  return (
    <form className="card form-grid" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Change password</h2>
      <div className="field">
        <label htmlFor={`${id}-current`}>Current password</label>
        <input
          id={`${id}-current`}
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </div>
      <NewPasswordFields id={id} value={next} confirm={confirm} onChange={setNext} onConfirmChange={setConfirm} />
      <FormError error={change.error} />
      <p role="status" className="notice">
        {done ? 'Your password was changed. You were signed out everywhere else.' : ''}
      </p>
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={change.isPending || next !== confirm}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
