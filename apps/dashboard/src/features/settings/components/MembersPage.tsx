import { useMemo, useState } from 'react';
import { ROLES, type Member, type Role } from '@resonance/contracts';
import { DataTable, createDataTableColumnHelper } from '../../../shared/components/DataTable';
import { ConfirmButton } from '../../../shared/components/ConfirmButton';
import { FormError } from '../../../shared/components/FormError';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime } from '../../../shared/format';
import { useSession } from '../../../shared/session/useSession';
import { can, ROLE_LABELS } from '../../../shared/session/permissions';
import { useChangeRoleMutation, useMembersQuery, useRemoveMemberMutation } from '../api/settingsApi';
import { AddMemberForm } from './AddMemberForm';
import { ResetLinkButton } from './ResetLinkButton';
import { NotAllowed } from './SettingsLayout';

const col = createDataTableColumnHelper<Member>();

export function MembersPage() {
  const { user } = useSession();
  const allowed = can.manageMembers(user.role);
  const members = useMembersQuery(allowed);
  const changeRole = useChangeRoleMutation();
  const remove = useRemoveMemberMutation();
  const [notice, setNotice] = useState<string | null>(null);
  const { mutate: mutateRole, isPending: rolePending } = changeRole;
  const { mutate: mutateRemove, isPending: removePending } = remove;

  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('email', {
          header: 'Email',
          cell: (info) => (info.row.original.id === user.id ? `${info.getValue()} (you)` : info.getValue()),
        }),
        col.accessor('role', {
          header: 'Role',
          meta: { exportValue: (m) => ROLE_LABELS[m.role] },
          cell: (info) => {
            const m = info.row.original;
            return (
              <select
                aria-label={`Role of ${m.email}`}
                value={m.role}
                disabled={rolePending}
                onChange={(e) => {
                  remove.reset();
                  setNotice(null);
                  const role = e.target.value as Role;
                  mutateRole(
                    { id: m.id, role },
                    { onSuccess: () => setNotice(`${m.email} is now ${ROLE_LABELS[role].toLowerCase()}.`) },
                  );
                }}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
            );
          },
        }),
        col.accessor('createdAt', {
          header: 'Added',
          sortFn: 'datetime',
          cell: (info) => formatDateTime(info.getValue()),
        }),
        col.accessor((m) => (isLocked(m) ? 'Locked' : 'Active'), {
          id: 'status',
          header: 'Sign-in',
          cell: (info) =>
            info.getValue() === 'Locked' ? (
              <span title={`Locked until ${formatDateTime(info.row.original.lockedUntil)}`}>
                Locked after failed attempts
              </span>
            ) : (
              'Active'
            ),
        }),
        col.display({
          id: 'actions',
          header: () => <span className="visually-hidden">Actions</span>,
          meta: { label: 'Actions' },
          enableHiding: false,
          cell: (info) => {
            const m = info.row.original;
            return (
              <>
                {m.id !== user.id && <ResetLinkButton memberId={m.id} email={m.email} />}
                <ConfirmButton
                  label="Remove"
                  ariaLabel={`Remove ${m.email}`}
                  question={`Remove ${m.email}? They are signed out and can no longer sign in.`}
                  confirmLabel="Yes, remove"
                  pending={removePending}
                  onConfirm={() => {
                    changeRole.reset();
                    setNotice(null);
                    mutateRemove(m.id, { onSuccess: () => setNotice(`${m.email} was removed.`) });
                  }}
                />
              </>
            );
          },
        }),
      ]),
    // reset() is stable; the pending flags only disable controls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [user.id, rolePending, removePending, mutateRole, mutateRemove],
  );

  if (!allowed) return <NotAllowed what="members" />;
  return (
    <section aria-labelledby="members-title">
      <PageHeader
        id="members-title"
        title="Members"
        description="Who can sign in to your organisation, and what each may do."
      />
      <FormError error={changeRole.error ?? remove.error} />
      <p role="status" className="notice">
        {notice}
      </p>
      {members.isError ? (
        <FormError error={members.error} />
      ) : (
        <DataTable
          caption="Members of your organisation"
          captionHidden
          data={members.data?.items ?? EMPTY}
          columns={columns}
          getRowId={(m) => m.id}
          isLoading={members.isPending}
          initialSorting={[{ id: 'email', desc: false }]}
          exportName="members"
          emptyState="No members yet."
        />
      )}
      <AddMemberForm onAdded={(m) => setNotice(`${m.email} was added as ${ROLE_LABELS[m.role].toLowerCase()}.`)} />
    </section>
  );
}

const EMPTY: Member[] = [];

function isLocked(member: Member): boolean {
  return member.lockedUntil !== null && Date.parse(member.lockedUntil) > Date.now();
}
