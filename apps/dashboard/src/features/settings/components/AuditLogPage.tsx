import { useState } from 'react';
import type { AuditEventView } from '@resonance/contracts';
import { DataTable, createDataTableColumnHelper } from '../../../shared/components/DataTable';
import { FormError } from '../../../shared/components/FormError';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatDateTime, formatNumber } from '../../../shared/format';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';
import { useAuditQuery } from '../api/settingsApi';
import { describeAuditAction, describeAuditActor, describeAuditDetails } from '../utils/auditText';
import { NotAllowed } from './SettingsLayout';

const col = createDataTableColumnHelper<AuditEventView>();
const columns = col.columns([
  col.accessor('at', { header: 'When', sortFn: 'datetime', cell: (info) => formatDateTime(info.getValue()) }),
  col.accessor((e) => describeAuditAction(e.action), { id: 'action', header: 'What' }),
  col.accessor((e) => describeAuditActor(e), { id: 'actor', header: 'Who' }),
  col.accessor((e) => describeAuditDetails(e), { id: 'details', header: 'Details' }),
  col.accessor((e) => e.ip ?? '', { id: 'ip', header: 'IP address' }),
]);
const EMPTY: AuditEventView[] = [];
const BATCH = 200;

export function AuditLogPage() {
  const { user } = useSession();
  const [offset, setOffset] = useState(0);
  const allowed = can.readAudit(user.role);
  const audit = useAuditQuery({ limit: BATCH, offset }, allowed);
  if (!allowed) return <NotAllowed what="the audit log" />;
  const total = audit.data?.total ?? 0;
  const shownTo = Math.min(total, offset + BATCH);
  return (
    <section aria-labelledby="audit-title">
      <PageHeader
        id="audit-title"
        title="Audit log"
        description="Sign-ins, member and role changes, API keys and settings changes: who, when and from where. Newest first."
      />
      {audit.isError ? (
        <FormError error={audit.error} />
      ) : (
        <DataTable
          caption="Audit events"
          captionHidden
          data={audit.data?.items ?? EMPTY}
          columns={columns}
          getRowId={(e) => e.id}
          isLoading={audit.isPending}
          initialSorting={[{ id: 'at', desc: true }]}
          exportName="audit-log"
          emptyState="Nothing recorded yet."
        />
      )}
      {total > BATCH && (
        <nav className="batch-nav" aria-label="Audit log batches">
          <span className="muted">
            Events {formatNumber(offset + 1)}–{formatNumber(shownTo)} of {formatNumber(total)}
          </span>
          <button
            type="button"
            className="button"
            disabled={offset === 0}
            onClick={() => setOffset((o) => Math.max(0, o - BATCH))}
          >
            Newer events
          </button>
          <button
            type="button"
            className="button"
            disabled={shownTo >= total}
            onClick={() => setOffset((o) => o + BATCH)}
          >
            Older events
          </button>
        </nav>
      )}
    </section>
  );
}
