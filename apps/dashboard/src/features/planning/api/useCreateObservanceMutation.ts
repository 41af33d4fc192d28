import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateObservanceRequest, Observance } from '@resonance/contracts';
import { apiPost } from '../../../shared/api/http';
import { planningKeys } from './planningKeys';

/** `POST /planning/observances`: an observance of the organisation's own. */
export function useCreateObservanceMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateObservanceRequest) => apiPost<Observance>('/planning/observances', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: planningKeys.all }),
  });
}
