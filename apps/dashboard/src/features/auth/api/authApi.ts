import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ChangePasswordRequest,
  type CompletePasswordResetRequest,
  CSRF_COOKIE,
  type LoginRequest,
  type MeResponse,
} from '@resonance/contracts';
import { ApiError, apiGet, apiPost, readCookie } from '../../../shared/api/http';
import { sessionKeys } from '../../../shared/session/sessionKeys';

/** `GET /auth/me`. Resolves to null when nobody is signed in (401), so callers can redirect. */
export function useMeQuery() {
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: async ({ signal }): Promise<MeResponse | null> => {
      // The readable CSRF cookie lives exactly as long as a session: without it, nobody is signed in
      // (and the browser is spared a 401 in its console).
      if (!readCookie(CSRF_COOKIE)) return null;
      try {
        return await apiGet<MeResponse>('/auth/me', { signal, redirectOn401: false });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

/** `POST /auth/login`: sets the session cookies; the answer becomes the session. */
export function useLoginMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => apiPost<MeResponse>('/auth/login', body, { redirectOn401: false }),
    onSuccess: (me) => {
      // Another user's cached data must not show: start from a clean cache with the new session.
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.me, me);
    },
  });
}

/** `POST /auth/logout`: ends the session; the cache is emptied so nothing of it stays on screen. */
export function useLogoutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost<void>('/auth/logout', undefined, { redirectOn401: false }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.me, null);
    },
  });
}

/** `POST /auth/password`: one's own password; other sessions end, this one stays. */
export function useChangePasswordMutation() {
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => apiPost<void>('/auth/password', body),
  });
}

/** `POST /auth/password-reset`: sets a new password with a reset link's token (no session needed). */
export function useCompletePasswordResetMutation() {
  return useMutation({
    mutationFn: (body: CompletePasswordResetRequest) =>
      apiPost<void>('/auth/password-reset', body, { redirectOn401: false }),
  });
}
