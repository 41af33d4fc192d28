import { PageHeader } from '../../../shared/components/PageHeader';
import { useSession } from '../../../shared/session/useSession';
import { ChangePasswordForm } from './ChangePasswordForm';

/** /settings/account: the signed-in user's own account. */
export function AccountPage() {
  const { user } = useSession();
  return (
    <section aria-labelledby="account-title">
      <PageHeader id="account-title" title="Your account" description={`Signed in as ${user.email}.`} />
      <ChangePasswordForm />
    </section>
  );
}
