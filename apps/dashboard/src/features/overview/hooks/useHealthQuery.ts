import { useQuery } from '@tanstack/react-query';
import type { HealthResponse } from '@resonance/contracts';
import { apiGet, ApiError } from '../../../shared/api/http';

export function useHealthQuery() {
  return useQuery({
    queryKey: ['health'],
    queryFn: async () => {
      try {
        return await apiGet<HealthResponse>('/health');
      } catch (error) {
        // 503 still carries the health body.
        if (error instanceof ApiError && error.status === 503) return error.body as unknown as HealthResponse;
        throw error;
      }
    },
  });
}
