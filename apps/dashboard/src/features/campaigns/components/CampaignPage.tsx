import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Creative } from '@resonance/contracts';
import { DataTable, createDataTableColumnHelper } from '../../../shared/components/DataTable';
import { formatIsoDate, PLATFORM_LABELS } from '../../../shared/format';
import { FormError } from '../../../shared/components/FormError';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';
import {
  useCampaignCreativesQuery,
  useCampaignQuery,
  useCreateCreativeMutation,
} from '../../../shared/api/campaignsApi';
import { FORMAT_LABELS } from '../utils/labels';
import { CreativeForm } from './CreativeForm';

const col = createDataTableColumnHelper<Creative>();
const EMPTY: Creative[] = [];

/** /campaigns/:campaignId — the campaign, its creatives (those needing details first) and a form to add one. */
export function CampaignPage() {
  const { campaignId = '' } = useParams();
  const { user } = useSession();
  const canEdit = can.manageCampaigns(user.role);
  const campaign = useCampaignQuery(campaignId);
  const creatives = useCampaignCreativesQuery(campaignId);
  const create = useCreateCreativeMutation(campaignId);
  const [adding, setAdding] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const columns = useMemo(
    () =>
      col.columns([
        col.accessor('name', { header: 'Creative' }),
        col.accessor('key', { header: 'Key', cell: (info) => <code>{info.getValue()}</code> }),
        col.accessor((c) => PLATFORM_LABELS[c.platform], { id: 'platform', header: 'Platform' }),
        col.accessor((c) => FORMAT_LABELS[c.format], { id: 'format', header: 'Format' }),
        col.accessor((c) => c.theme ?? '', { id: 'theme', header: 'Theme' }),
        col.accessor((c) => c.partner ?? '', { id: 'partner', header: 'Partner' }),
        col.accessor((c) => (c.needsDetails ? 'Needs details' : 'Complete'), {
          id: 'status',
          header: 'Details',
          cell: (info) =>
            info.row.original.needsDetails ? (
              <span
                className="badge badge--warn"
                title="Registered automatically from events: add its name, format and theme"
              >
                Needs details
              </span>
            ) : (
              <span className="badge badge--ok">Complete</span>
            ),
        }),
        col.display({
          id: 'actions',
          header: () => <span className="visually-hidden">Actions</span>,
          meta: { label: 'Actions' },
          enableHiding: false,
          cell: (info) =>
            canEdit ? (
              <Link
                className="button button--small"
                to={`/campaigns/${campaignId}/creatives/${info.row.original.id}/edit`}
                aria-label={`Edit ${info.row.original.name}`}
              >
                {info.row.original.needsDetails ? 'Add details' : 'Edit'}
              </Link>
            ) : null,
        }),
      ]),
    [campaignId, canEdit],
  );

  if (campaign.isPending) return <p className="page-status">Loading…</p>;
  if (campaign.isError) return <FormError error={campaign.error} />;
  const c = campaign.data;
  const period = c.startsOn || c.endsOn ? `${formatIsoDate(c.startsOn)} – ${formatIsoDate(c.endsOn)}` : 'No dates set';
  const needing = creatives.data?.items.filter((x) => x.needsDetails).length ?? 0;
  const analyticsQuery = new URLSearchParams({
    campaign: c.id,
    ...(c.startsOn && c.endsOn ? { range: 'custom', from: c.startsOn, to: c.endsOn } : {}),
  });

  return (
    <section aria-labelledby="campaign-title">
      <p className="breadcrumb">
        <Link to="/campaigns">Campaigns</Link> /
      </p>
      <PageHeader
        id="campaign-title"
        title={c.name}
        description={
          <>
            <code>{c.key}</code> · {period}
            {c.objective && <> · {c.objective}</>}
            {c.tags.length > 0 && <> · Tags: {c.tags.join(', ')}</>}
          </>
        }
        actions={
          <>
            <Link className="button" to={`/?${analyticsQuery.toString()}`}>
              See its figures
            </Link>
            {canEdit && (
              <Link className="button" to={`/campaigns/${c.id}/edit`}>
                Edit campaign
              </Link>
            )}
          </>
        }
      />
      {needing > 0 && (
        <p className="warning">
          {needing === 1 ? '1 creative was' : `${needing} creatives were`} registered automatically from events and{' '}
          {needing === 1 ? 'needs' : 'need'} details (name, format, theme) so comparisons make sense.
        </p>
      )}
      {creatives.isError ? (
        <FormError error={creatives.error} />
      ) : (
        <DataTable
          caption={`Creatives of ${c.name}`}
          searchLabel="Filter creatives"
          data={creatives.data?.items ?? EMPTY}
          columns={columns}
          getRowId={(x) => x.id}
          isLoading={creatives.isPending}
          initialColumnVisibility={{ partner: false }}
          exportName={`${c.key}-creatives`}
          emptyState="No creatives yet: add one below, or send events naming a new creative key and it is registered automatically."
          actions={
            canEdit &&
            !adding && (
              <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
                Add creative
              </button>
            )
          }
        />
      )}
      {canEdit && adding && (
        <CreativeForm
          key={formKey}
          title="Add a creative"
          submitLabel="Add creative"
          pending={create.isPending}
          error={create.error}
          onSubmit={(body) =>
            create.mutate(body, {
              onSuccess: () => {
                setAdding(false);
                setFormKey((k) => k + 1);
              },
            })
          }
          onCancel={() => setAdding(false)}
        />
      )}
    </section>
  );
}
