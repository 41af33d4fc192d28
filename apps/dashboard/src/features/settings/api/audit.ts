import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AuditListResponse } from '@resonance/contracts';
import { apiGet } from '../../../shared/api/http';
import { settingsKeys } from './settingsKeys';

/** `GET /audit?limit&offset` (owners), newest first. */
export function useAuditQuery(params: { limit: number; offset: number }, enabled = true) {
  return useQuery({
    queryKey: settingsKeys.audit(params),
    queryFn: ({ signal }) => apiGet<AuditListResponse>('/audit', { signal, query: params }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
