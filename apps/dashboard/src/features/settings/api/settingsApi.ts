import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ApiKeyListResponse,
  type AuditListResponse,
  type CreateApiKeyRequest,
  type CreatedApiKey,
  type CreateMemberRequest,
  type Member,
  type MemberListResponse,
  type OrganizationSettings,
  type PasswordResetLink,
  type Role,
  type UpdateOrganizationRequest,
} from '@resonance/contracts';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../../shared/api/http';
import { sessionKeys } from '../../../shared/session/sessionKeys';

/** Query keys of the settings feature; every parameter of a request is in its key. */
export const settingsKeys = {
  members: ['members'] as const,
  apiKeys: ['api-keys'] as const,
  organization: ['organization'] as const,
  audit: (params: { limit: number; offset: number }) => ['audit', params] as const,
};

/** `GET /members` (owners). */
export function useMembersQuery(enabled = true) {
  return useQuery({
    queryKey: settingsKeys.members,
    queryFn: ({ signal }) => apiGet<MemberListResponse>('/members', { signal }),
    enabled,
  });
}

/** `POST /members`. */
export function useCreateMemberMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMemberRequest) => apiPost<Member>('/members', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.members }),
  });
}

/** `PATCH /members/:id` (role). */
export function useChangeRoleMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) =>
      apiPatch<Member>(`/members/${encodeURIComponent(id)}`, { role }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.members }),
  });
}

/** `DELETE /members/:id`. */
export function useRemoveMemberMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/members/${encodeURIComponent(id)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.members }),
  });
}

/** `POST /members/:id/password-reset` (owners): a one-time link for a member. */
export function useIssuePasswordResetMutation() {
  return useMutation({
    mutationFn: (memberId: string) =>
      apiPost<PasswordResetLink>(`/members/${encodeURIComponent(memberId)}/password-reset`),
  });
}

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

/** `GET /audit?limit&offset` (owners), newest first. */
export function useAuditQuery(params: { limit: number; offset: number }, enabled = true) {
  return useQuery({
    queryKey: settingsKeys.audit(params),
    queryFn: ({ signal }) => apiGet<AuditListResponse>('/audit', { signal, query: params }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** `GET /organization`. */
export function useOrganizationQuery() {
  return useQuery({
    queryKey: settingsKeys.organization,
    queryFn: ({ signal }) => apiGet<OrganizationSettings>('/organization', { signal }),
  });
}

/** `PATCH /organization` (owners). The session carries the threshold too, so it is refreshed. */
export function useUpdateOrganizationMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateOrganizationRequest) => apiPatch<OrganizationSettings>('/organization', body),
    onSuccess: (organization) => {
      queryClient.setQueryData(settingsKeys.organization, organization);
      return queryClient.invalidateQueries({ queryKey: sessionKeys.me });
    },
  });
}
