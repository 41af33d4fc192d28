import { useMemo, useState } from 'react';
import type { ApiKeySummary, CreatedApiKey } from '@resonance/contracts';
import { ConfirmButton } from '../../../shared/components/ConfirmButton';
import { DataTable, createDataTableColumnHelper } from '../../../shared/components/DataTable';
import { FormError } from '../../../shared/components/FormError';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime } from '../../../shared/format';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';
import { useApiKeysQuery, useRevokeApiKeyMutation } from '../api/settingsApi';
import { CreateApiKeyForm } from './CreateApiKeyForm';
import { NewApiKeyNotice } from './NewApiKeyNotice';
import { NotAllowed } from './SettingsLayout';

const col = createDataTableColumnHelper<ApiKeySummary>();
const EMPTY: ApiKeySummary[] = [];

export function ApiKeysPage() {
  const { user } = useSession();
  const allowed = can.manageApiKeys(user.role);
  const keys = useApiKeysQuery(allowed);
  const revoke = useRevokeApiKeyMutation();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { mutate: mutateRevoke, isPending: revokePending } = revoke;

  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('name', { header: 'Name' }),
        col.accessor('prefix', { header: 'Key starts with', cell: (info) => <code>{info.getValue()}…</code> }),
        col.accessor((k) => k.scopes.join(', '), { id: 'scopes', header: 'Scopes' }),
        col.accessor('createdAt', {
          header: 'Created',
          sortFn: 'datetime',
          cell: (info) => formatDateTime(info.getValue()),
        }),
        col.accessor('lastUsedAt', {
          header: 'Last used',
          sortFn: 'datetime',
          cell: (info) => (info.getValue() ? formatDateTime(info.getValue()) : 'Never'),
        }),
        col.accessor((k) => (k.revokedAt ? 'Revoked' : 'Active'), {
          id: 'status',
          header: 'Status',
          cell: (info) => (
            <span
              className={info.getValue() === 'Revoked' ? 'badge badge--muted' : 'badge badge--ok'}
              title={info.row.original.revokedAt ? `Revoked ${formatDateTime(info.row.original.revokedAt)}` : undefined}
            >
              {info.getValue()}
            </span>
          ),
        }),
        col.display({
          id: 'actions',
          header: () => <span className="visually-hidden">Actions</span>,
          meta: { label: 'Actions' },
          enableHiding: false,
          cell: (info) => {
            const k = info.row.original;
            if (k.revokedAt) return null;
            return (
              <ConfirmButton
                label="Revoke"
                ariaLabel={`Revoke ${k.name}`}
                question={`Revoke “${k.name}”? Requests using it get 401 from now on.`}
                confirmLabel="Yes, revoke"
                pending={revokePending}
                onConfirm={() => mutateRevoke(k.id, { onSuccess: () => setNotice(`“${k.name}” was revoked.`) })}
              />
            );
          },
        }),
      ]),
    [revokePending, mutateRevoke],
  );

  if (!allowed) return <NotAllowed what="API keys" />;
  return (
    <section aria-labelledby="api-keys-title">
      <PageHeader
        id="api-keys-title"
        title="API keys"
        description="Keys let your own tools send events (ingest) or read analytics (read) without a password."
      />
      {created && <NewApiKeyNotice apiKey={created} onDone={() => setCreated(null)} />}
      <FormError error={revoke.error} />
      <p role="status" className="notice">
        {notice}
      </p>
      {keys.isError ? (
        <FormError error={keys.error} />
      ) : (
        <DataTable
          caption="API keys"
          captionHidden
          data={keys.data?.items ?? EMPTY}
          columns={columns}
          getRowId={(k) => k.id}
          isLoading={keys.isPending}
          initialSorting={[{ id: 'createdAt', desc: true }]}
          exportName="api-keys"
          emptyState="No API keys yet. Create one below to send events from your own tools."
        />
      )}
      <CreateApiKeyForm
        onCreated={(key) => {
          setNotice(null);
          setCreated(key);
        }}
      />
    </section>
  );
}
