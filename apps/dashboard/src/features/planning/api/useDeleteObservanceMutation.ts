import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete } from '../../../shared/api/http';
import { planningKeys } from './planningKeys';

/** `DELETE /planning/observances/:id`: an own observance; 409 `observance_in_use` while campaigns link to it. */
export function useDeleteObservanceMutation(observanceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiDelete(`/planning/observances/${encodeURIComponent(observanceId)}`),
    onSuccess: () => {
      // Drop cached calendars too, so none shows the deleted observance while refetching.
      queryClient.removeQueries({ queryKey: planningKeys.observance(observanceId) });
      queryClient.removeQueries({ queryKey: ['planning', 'upcoming'] });
      void queryClient.invalidateQueries({ queryKey: planningKeys.all });
    },
  });
}
