import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPost } from '../../../shared/api/http';
import { authKeys } from '../../../shared/session/sessionKeys';

/** `POST /auth/logout`: ends the session; the cache is emptied so nothing of it stays on screen. */
export function useLogoutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<void>('/auth/logout', undefined, { redirectOn401: false }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, null);
    },
  });
}
