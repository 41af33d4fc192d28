import type { ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { FormError } from '../../../shared/components/FormError';
import { PageHeader } from '../../../shared/components/PageHeader';
import { ReadOnlyNotice } from '../../../shared/components/ReadOnlyNotice';
import { useSession } from '../../../shared/session/useSession';
import { can, ROLE_LABELS } from '../../../shared/session/permissions';
import {
  useCampaignQuery,
  useCreateCampaignMutation,
  useUpdateCampaignMutation,
} from '../../../shared/api/campaignsApi';
import { CampaignForm } from './CampaignForm';
import { CampaignPage } from './CampaignPage';
import { DeleteCampaign } from './DeleteCampaign';

/** For roles that may not edit campaigns: what they can see, and why there is no form. */
export function CampaignsReadOnly({ children }: { children?: ReactNode }) {
  const { user } = useSession();
  return (
    <>
      <ReadOnlyNotice roleLabel={ROLE_LABELS[user.role]} what="campaigns" whoCan="owners and managers" />
      {children}
    </>
  );
}

/** /campaigns/new */
export function NewCampaignPage() {
  const navigate = useNavigate();
  // From an import whose file names a campaign Resonance doesn't know yet: its name, and the way back.
  const [params] = useSearchParams();
  const initialName = params.get('name') ?? undefined;
  const returnTo = params.get('returnTo');
  const back = returnTo && /^\/[a-z]/.test(returnTo) ? returnTo : null;
  const create = useCreateCampaignMutation();
  const canEdit = can.manageCampaigns(useSession().user.role);
  if (!canEdit)
    return (
      <section aria-labelledby="new-campaign-title">
        <PageHeader id="new-campaign-title" title="New campaign" />
        <CampaignsReadOnly />
        <p>
          <Link to="/campaigns">See the campaigns</Link>
        </p>
      </section>
    );
  return (
    <section aria-labelledby="new-campaign-title">
      <PageHeader
        id="new-campaign-title"
        title="New campaign"
        description="Name it and give it a key: events and imports refer to the campaign by its key."
      />
      <CampaignForm
        submitLabel="Create campaign"
        {...(initialName ? { initialName } : {})}
        pending={create.isPending}
        error={create.error}
        onSubmit={(body) => create.mutate(body, { onSuccess: (c) => void navigate(back ?? `/campaigns/${c.id}`) })}
        onCancel={() => void navigate('/campaigns')}
      />
    </section>
  );
}

/** /campaigns/:campaignId/edit */
export function EditCampaignPage() {
  const { campaignId = '' } = useParams();
  const navigate = useNavigate();
  const campaign = useCampaignQuery(campaignId);
  const update = useUpdateCampaignMutation(campaignId);
  const canEdit = can.manageCampaigns(useSession().user.role);
  // The campaign's own page, without its edit buttons, in place of a form the API would refuse.
  if (!canEdit)
    return (
      <CampaignsReadOnly>
        <CampaignPage />
      </CampaignsReadOnly>
    );
  if (campaign.isPending) return <p className="page-status">Loading…</p>;
  if (campaign.isError) return <FormError error={campaign.error} />;
  return (
    <section aria-labelledby="edit-campaign-title">
      <PageHeader id="edit-campaign-title" title={`Edit ${campaign.data.name}`} />
      <CampaignForm
        campaign={campaign.data}
        submitLabel="Save changes"
        pending={update.isPending}
        error={update.error}
        onSubmit={(body) => update.mutate(body, { onSuccess: () => void navigate(`/campaigns/${campaignId}`) })}
        onCancel={() => void navigate(`/campaigns/${campaignId}`)}
      />
      <DeleteCampaign campaign={campaign.data} />
    </section>
  );
}
