import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordRequest, CompletePasswordResetRequest, PasswordResetLink } from '@resonance/contracts';
import { apiPost } from '../../../shared/api/http';

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

/** `POST /members/:id/password-reset` (owners): a one-time link for a member. */
export function useIssuePasswordResetMutation() {
  return useMutation({
    mutationFn: (memberId: string) =>
      apiPost<PasswordResetLink>(`/members/${encodeURIComponent(memberId)}/password-reset`),
  });
}
