import { CopyButton } from '../../../shared/components/CopyButton';
import { FormError } from '../../../shared/components/FormError';
import { useIssuePasswordResetMutation } from '../api/settingsApi';

/** Owners: makes a one-time reset link for a member and shows it once, to copy and hand over privately. */
export function ResetLinkButton({ memberId, email }: { memberId: string; email: string }) {
  const issue = useIssuePasswordResetMutation();
  const link = issue.data ? `${window.location.origin}${issue.data.path}` : null;
  return (
    <div className="reset-link">
      <button
        type="button"
        className="button"
        aria-label={`Make a password reset link for ${email}`}
        disabled={issue.isPending}
        onClick={() => issue.mutate(memberId)}
      >
        {issue.isPending ? 'Making link…' : 'Reset link'}
      </button>
      <FormError error={issue.error} />
      {link && issue.data && (
        <div role="group" aria-label={`Reset link for ${email}`}>
          <input
            readOnly
            aria-label={`Reset link for ${email}`}
            value={link}
            onFocus={(e) => e.target.select()}
            spellCheck={false}
          />
          <CopyButton text={link} label="Copy link" />
          <p className="hint">
            Works once, until {new Date(issue.data.expiresAt).toLocaleString()}. Shown only now; a new link replaces it.
          </p>
        </div>
      )}
    </div>
  );
}
