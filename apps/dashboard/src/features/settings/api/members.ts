import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateMemberRequest, Member, MemberListResponse, Role } from '@resonance/contracts';
import { apiDelete, apiGet, apiPatch, apiPost } from '../../../shared/api/http';
import { settingsKeys } from './settingsKeys';

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
