import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { BrandMark } from '../../../shared/components/BrandMark';
import { FormError } from '../../../shared/components/FormError';
import { useCompletePasswordResetMutation } from '../api/authApi';
import { NewPasswordFields } from './NewPasswordFields';

/** /reset-password?token=…: a member sets a new password with the link an owner gave them. */
export function ResetPasswordPage() {
  const id = useId();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useCompletePasswordResetMutation();
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');

  useEffect(() => {
    document.title = 'Set a new password · Resonance';
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (next === confirm) reset.mutate({ token, newPassword: next });
  };

  return (
    <div className="login">
      <main className="login__card" aria-labelledby={`${id}-title`}>
        <div className="login__brand">
          <BrandMark />
          <span>Resonance</span>
        </div>
        <h1 id={`${id}-title`}>Set a new password</h1>
        {reset.isSuccess ? (
          <p role="status">
            Your new password is set. <Link to="/login">Sign in</Link> with it.
          </p>
        ) : !token ? (
          <p role="alert" className="form-error">
            This page needs the reset link an owner of your organisation gave you. Ask them for a new one.
          </p>
        ) : (
          <form onSubmit={onSubmit}>
            <NewPasswordFields id={id} value={next} confirm={confirm} onChange={setNext} onConfirmChange={setConfirm} />
            <FormError error={reset.error} />
            <button
              type="submit"
              className="button button--primary button--block"
              disabled={reset.isPending || next !== confirm}
            >
              {reset.isPending ? 'Saving…' : 'Set new password'}
            </button>
          </form>
        )}
      </main>
    </div>
  );
}
