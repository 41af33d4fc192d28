import { useQuery } from '@tanstack/react-query';
import type { ImportListResponse } from '@resonance/contracts';
import { apiGet } from '../../../shared/api/http';

export const importKeys = { all: ['imports'] as const, list: () => ['imports', 'list'] as const };

export function useImportsQuery() {
  return useQuery({
    queryKey: importKeys.list(),
    queryFn: ({ signal }) => apiGet<ImportListResponse>('/imports', { query: { limit: 100 }, signal }),
  });
}
