import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDigestRequest, DigestListResponse, DigestPreview, DigestSchedule } from '@resonance/contracts';
import { apiDelete, apiGet, apiPost } from '../../../shared/api/http';

export const digestKeys = {
  all: ['digests'] as const,
  list: () => ['digests', 'list'] as const,
  preview: (id: string) => ['digests', 'preview', id] as const,
};

/** Refreshed while shown, so a send that fails (and retries) appears without a reload. */
export function useDigestsQuery(enabled: boolean) {
  return useQuery({
    queryKey: digestKeys.list(),
    queryFn: ({ signal }) => apiGet<DigestListResponse>('/digests', { signal }),
    enabled,
    refetchInterval: 30_000,
  });
}

export function useDigestPreviewQuery(id: string | null) {
  return useQuery({
    queryKey: digestKeys.preview(id ?? ''),
    queryFn: ({ signal }) => apiGet<DigestPreview>(`/digests/${encodeURIComponent(id ?? '')}/preview`, { signal }),
    enabled: id !== null,
  });
}

export function useCreateDigestMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateDigestRequest) => apiPost<DigestSchedule>('/digests', request),
    onSuccess: () => client.invalidateQueries({ queryKey: digestKeys.all }),
  });
}

export function useDeleteDigestMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/digests/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: digestKeys.all }),
  });
}
