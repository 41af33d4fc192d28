import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, MeResponse } from '@resonance/contracts';
import { apiPost } from '../../../shared/api/http';
import { authKeys } from '../../../shared/session/sessionKeys';

/** `POST /auth/login`: sets the session cookies; the answer becomes the session. */
export function useLoginMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => apiPost<MeResponse>('/auth/login', body, { redirectOn401: false }),
    onSuccess: (me) => {
      // Another user's cached data must not show: start from a clean cache with the new session.
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, me);
    },
  });
}
