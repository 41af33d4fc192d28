import { Link } from 'react-router';
import type { Campaign } from '@resonance/contracts';
import { DataTable, createDataTableColumnHelper } from '../../../shared/components/DataTable';
import { FormError } from '../../../shared/components/FormError';
import { PageHeader } from '../../../shared/components/PageHeader';
import { formatIsoDate } from '../../../shared/format';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';
import { useCampaignsQuery } from '../../../shared/api/campaignsApi';

const col = createDataTableColumnHelper<Campaign>();
const columns = col.columns([
  col.accessor('name', {
    header: 'Campaign',
    cell: (info) => <Link to={`/campaigns/${info.row.original.id}`}>{info.getValue()}</Link>,
  }),
  col.accessor('key', { header: 'Key', cell: (info) => <code>{info.getValue()}</code> }),
  col.accessor('startsOn', { header: 'Starts', sortUndefined: 'last', cell: (info) => formatIsoDate(info.getValue()) }),
  col.accessor('endsOn', { header: 'Ends', sortUndefined: 'last', cell: (info) => formatIsoDate(info.getValue()) }),
  col.accessor((c) => c.objective ?? '', { id: 'objective', header: 'Objective' }),
  col.accessor((c) => c.tags.join(', '), { id: 'tags', header: 'Tags' }),
  col.accessor('creativeCount', { header: 'Creatives', meta: { numeric: true } }),
  col.accessor('creativesNeedingDetails', {
    header: 'Needs details',
    meta: { numeric: true },
    cell: (info) =>
      info.getValue() > 0 ? <span className="badge badge--warn">{info.getValue()} need details</span> : '—',
  }),
]);
const EMPTY: Campaign[] = [];

export function CampaignsPage() {
  const { user } = useSession();
  const campaigns = useCampaignsQuery();
  const canEdit = can.manageCampaigns(user.role);
  return (
    <section aria-labelledby="campaigns-title">
      <PageHeader
        id="campaigns-title"
        title="Campaigns"
        description="Your campaigns and their creatives. Creatives first seen in events are added automatically and flagged until you fill in their details."
        actions={
          canEdit && (
            <Link className="button button--primary" to="/campaigns/new">
              New campaign
            </Link>
          )
        }
      />
      {campaigns.isError ? (
        <FormError error={campaigns.error} />
      ) : (
        <DataTable
          caption="Campaigns"
          captionHidden
          data={campaigns.data?.items ?? EMPTY}
          columns={columns}
          getRowId={(c) => c.id}
          isLoading={campaigns.isPending}
          initialSorting={[{ id: 'startsOn', desc: true }]}
          initialColumnVisibility={{ objective: false }}
          exportName="campaigns"
          emptyState={
            canEdit ? (
              <>
                No campaigns yet. <Link to="/campaigns/new">Create your first campaign</Link>, then send events or
                import a platform export.
              </>
            ) : (
              'No campaigns yet. A manager or owner can create one.'
            )
          }
        />
      )}
    </section>
  );
}
