import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiDelete } from '../../../shared/api/http';
import { planningKeys } from './planningKeys';

/** `DELETE /planning/observances/:id`: an own observance; 409 `observance_in_use` while campaigns link to it. */
export function useDeleteObservanceMutation(observanceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiDelete(`/planning/observances/${encodeURIComponent(observanceId)}`),
    // Forget every planning answer rather than refetch: the open page's queries would 404, and a
    // cached calendar would show the deleted observance until its refetch lands.
    onSuccess: () => queryClient.removeQueries({ queryKey: planningKeys.all }),
  });
}
