import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreatedShareLink, CreateShareLinkRequest, ShareLink, ShareLinkListResponse } from '@resonance/contracts';
import { apiDelete, apiGet, apiPost } from '../../../shared/api/http';

export const shareLinkKeys = {
  all: ['share-links'] as const,
  list: () => ['share-links', 'list'] as const,
};

export function useShareLinksQuery(enabled: boolean) {
  return useQuery({
    queryKey: shareLinkKeys.list(),
    queryFn: ({ signal }) => apiGet<ShareLinkListResponse>('/share-links', { signal }),
    enabled,
  });
}

export function useCreateShareLinkMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateShareLinkRequest) => apiPost<CreatedShareLink>('/share-links', request),
    onSuccess: () => client.invalidateQueries({ queryKey: shareLinkKeys.all }),
  });
}

export function useRevokeShareLinkMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete<ShareLink>(`/share-links/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: shareLinkKeys.all }),
  });
}
