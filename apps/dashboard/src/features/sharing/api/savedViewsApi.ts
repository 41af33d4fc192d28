import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateSavedViewRequest, SavedView, SavedViewListResponse } from '@resonance/contracts';
import { apiDelete, apiGet, apiPost } from '../../../shared/api/http';

export const savedViewKeys = {
  all: ['saved-views'] as const,
  list: () => ['saved-views', 'list'] as const,
};

export function useSavedViewsQuery() {
  return useQuery({
    queryKey: savedViewKeys.list(),
    queryFn: ({ signal }) => apiGet<SavedViewListResponse>('/saved-views', { signal }),
  });
}

export function useCreateSavedViewMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateSavedViewRequest) => apiPost<SavedView>('/saved-views', request),
    onSuccess: () => client.invalidateQueries({ queryKey: savedViewKeys.all }),
  });
}

export function useDeleteSavedViewMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/saved-views/${encodeURIComponent(id)}`),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: savedViewKeys.all }),
        client.invalidateQueries({ queryKey: ['share-links'] }),
      ]),
  });
}
