import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiKeyListResponse, CreateApiKeyRequest, CreatedApiKey } from '@resonance/contracts';
import { apiDelete, apiGet, apiPost } from '../../../shared/api/http';
import { settingsKeys } from './settingsKeys';

/** `GET /api-keys` (owners, managers): never the secret. */
export function useApiKeysQuery(enabled = true) {
  return useQuery({
    queryKey: settingsKeys.apiKeys,
    queryFn: ({ signal }) => apiGet<ApiKeyListResponse>('/api-keys', { signal }),
    enabled,
  });
}

/** `POST /api-keys`: the answer carries the key, this once. Keep it out of the query cache. */
export function useCreateApiKeyMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyRequest) => apiPost<CreatedApiKey>('/api-keys', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.apiKeys }),
  });
}

/** `DELETE /api-keys/:id`: revokes. */
export function useRevokeApiKeyMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api-keys/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.apiKeys }),
  });
}
