import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrganizationSettings, UpdateOrganizationRequest } from '@resonance/contracts';
import { apiGet, apiPatch } from '../../../shared/api/http';
import { authKeys } from '../../../shared/session/sessionKeys';
import { settingsKeys } from './settingsKeys';

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
      return queryClient.invalidateQueries({ queryKey: authKeys.me });
    },
  });
}
