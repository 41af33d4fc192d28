import { useId, useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH, ROLES, type Member, type Role } from '@resonance/contracts';
import { FormError } from '../../../shared/components/FormError';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../../../shared/session/permissions';
import { useCreateMemberMutation } from '../api/settingsApi';

/** Adds a member who signs in with the password given here (share it with them privately). */
export function AddMemberForm({ onAdded }: { onAdded: (member: Member) => void }) {
  const id = useId();
  const create = useCreateMemberMutation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { email: email.trim(), password, role },
      {
        onSuccess: (member) => {
          setEmail('');
          setPassword('');
          onAdded(member);
        },
      },
    );
  };
  return (
    <form className="card form-grid" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a member</h2>
      <div className="field">
        <label htmlFor={`${id}-email`}>Email</label>
        <input
          id={`${id}-email`}
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>First password</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby={`${id}-password-hint`}
        />
        <span id={`${id}-password-hint`} className="hint">
          At least {PASSWORD_MIN_LENGTH} characters. Give it to them privately.
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-role`}>Role</label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          aria-describedby={`${id}-role-hint`}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <span id={`${id}-role-hint`} className="hint">
          {ROLE_LABELS[role]}: {ROLE_DESCRIPTIONS[role]}.
        </span>
      </div>
      <FormError error={create.error} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add member'}
        </button>
      </div>
    </form>
  );
}
