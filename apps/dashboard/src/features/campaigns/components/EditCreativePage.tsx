import { Link, useNavigate, useParams } from 'react-router';
import { FormError } from '../../../shared/components/FormError';
import { PageHeader } from '../../../shared/components/PageHeader';
import { useCampaignCreativesQuery, useUpdateCreativeMutation } from '../../../shared/api/campaignsApi';
import { useSession } from '../../../shared/session/useSession';
import { can } from '../../../shared/session/permissions';
import { CampaignsReadOnly } from './CampaignEditorPages';
import { CampaignPage } from './CampaignPage';
import { CreativeForm } from './CreativeForm';

/** /campaigns/:campaignId/creatives/:creativeId/edit — saving the details clears "Needs details". */
export function EditCreativePage() {
  const { campaignId = '', creativeId = '' } = useParams();
  const navigate = useNavigate();
  const creatives = useCampaignCreativesQuery(campaignId);
  const update = useUpdateCreativeMutation();
  const canEdit = can.manageCampaigns(useSession().user.role);
  if (!canEdit)
    return (
      <CampaignsReadOnly>
        <CampaignPage />
      </CampaignsReadOnly>
    );
  if (creatives.isPending) return <p className="page-status">Loading…</p>;
  if (creatives.isError) return <FormError error={creatives.error} />;
  const creative = creatives.data.items.find((c) => c.id === creativeId);
  if (!creative) {
    return (
      <div className="empty-state">
        <h1>Creative not found</h1>
        <p>
          It may have been deleted. <Link to={`/campaigns/${campaignId}`}>Back to the campaign</Link>.
        </p>
      </div>
    );
  }
  const back = () => void navigate(`/campaigns/${campaignId}`);
  return (
    <section aria-labelledby="edit-creative-title">
      <p className="breadcrumb">
        <Link to="/campaigns">Campaigns</Link> / <Link to={`/campaigns/${campaignId}`}>Campaign</Link> /
      </p>
      <PageHeader
        id="edit-creative-title"
        title={creative.needsDetails ? `Add details: ${creative.name}` : `Edit ${creative.name}`}
        description={
          creative.needsDetails
            ? 'Registered automatically from events. Give it a clear name, its format and theme.'
            : undefined
        }
      />
      <CreativeForm
        creative={creative}
        title="Creative details"
        submitLabel="Save details"
        pending={update.isPending}
        error={update.error}
        onSubmit={(body) => update.mutate({ creativeId: creative.id, body }, { onSuccess: back })}
        onCancel={back}
      />
    </section>
  );
}
