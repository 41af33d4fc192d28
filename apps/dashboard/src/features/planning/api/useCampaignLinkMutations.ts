import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LinkCampaignRequest, LinkedCampaign } from '@resonance/contracts';
import { apiDelete, apiRequest } from '../../../shared/api/http';
import { planningKeys } from './planningKeys';

const path = (observanceId: string, campaignId: string) =>
  `/planning/observances/${encodeURIComponent(observanceId)}/campaigns/${encodeURIComponent(campaignId)}`;

/** Links change the observance's campaigns, its year-over-year and its recommendations: refresh them all. */
function useInvalidatePlanning() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: planningKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
  };
}

/** `PUT /planning/observances/:id/campaigns/:campaignId`: links an existing campaign (for `year`, or the nearest). */
export function useLinkCampaignMutation(observanceId: string) {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: ({ campaignId, year }: { campaignId: string; year?: number }) => {
      const body: LinkCampaignRequest = year === undefined ? {} : { year };
      return apiRequest<LinkedCampaign>('PUT', path(observanceId, campaignId), { body });
    },
    onSuccess: invalidate,
  });
}

/** `DELETE` on the same path: unlinks (the campaign and its window stay). */
export function useUnlinkCampaignMutation(observanceId: string) {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: (campaignId: string) => apiDelete<LinkedCampaign>(path(observanceId, campaignId)),
    onSuccess: invalidate,
  });
}
