import { useNavigate } from 'react-router';
import type { Campaign } from '@resonance/contracts';
import { ApiError } from '../../../shared/api/http';
import { ConfirmButton } from '../../../shared/components/ConfirmButton';
import { FormError } from '../../../shared/components/FormError';
import { useDeleteCampaignMutation } from '../../../shared/api/campaignsApi';

/** Deletes a campaign; when it has figures, the server says so and a second confirmation deletes them too. */
export function DeleteCampaign({ campaign }: { campaign: Campaign }) {
  const navigate = useNavigate();
  const remove = useDeleteCampaignMutation(campaign.id);
  const hasData = remove.error instanceof ApiError && remove.error.code === 'has_data';
  const onDeleted = () => void navigate('/campaigns', { replace: true });
  return (
    <section className="card danger-zone" aria-labelledby="delete-campaign-title">
      <h2 id="delete-campaign-title">Delete this campaign</h2>
      <p>Its creatives are deleted with it. This cannot be undone.</p>
      {hasData ? (
        <>
          <p className="warning">
            This campaign has recorded figures (events, rollups, reach). Deleting it removes them from every report.
          </p>
          <ConfirmButton
            label="Delete campaign and its figures"
            question={`Delete “${campaign.name}” and all its figures?`}
            confirmLabel="Yes, delete everything"
            pending={remove.isPending}
            onConfirm={() => remove.mutate({ deleteData: true }, { onSuccess: onDeleted })}
          />
        </>
      ) : (
        <>
          <FormError error={remove.error} />
          <ConfirmButton
            label="Delete campaign"
            question={`Delete “${campaign.name}”?`}
            confirmLabel="Yes, delete"
            pending={remove.isPending}
            onConfirm={() => remove.mutate({ deleteData: false }, { onSuccess: onDeleted })}
          />
        </>
      )}
    </section>
  );
}
