import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LinkedCampaign, PlanCampaignRequest } from '@resonance/contracts';
import { apiPost } from '../../../shared/api/http';
import { planningKeys } from './planningKeys';

/** `POST /planning/observances/:id/plan`: a new campaign linked to the observance, window filled in. */
export function usePlanCampaignMutation(observanceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanCampaignRequest) =>
      apiPost<LinkedCampaign>(`/planning/observances/${encodeURIComponent(observanceId)}/plan`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planningKeys.observance(observanceId) });
      void queryClient.invalidateQueries({ queryKey: ['campaigns'] });
    },
  });
}
