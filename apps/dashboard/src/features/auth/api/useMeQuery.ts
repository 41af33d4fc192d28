import { useQuery } from '@tanstack/react-query';
import { CSRF_COOKIE, type MeResponse } from '@resonance/contracts';
import { ApiError, apiGet, readCookie } from '../../../shared/api/http';
import { authKeys } from '../../../shared/session/sessionKeys';

/** `GET /auth/me`. Resolves to null when nobody is signed in (401), so callers can redirect. */
export function useMeQuery() {
  return useQuery({
    queryKey: authKeys.me,
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
