import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AudienceSizeRequest,
  AudienceSizeResponse,
  CreateSegmentRequest,
  Segment,
  SegmentListResponse,
  UpdateSegmentRequest,
} from '@resonance/contracts';
import { apiDelete, apiGet, apiPatch, apiPost } from './http';
import { analyticsKeys } from '../analytics/api/analyticsApi';

export const segmentKeys = {
  all: ['segments'] as const,
  list: () => ['segments', 'list'] as const,
  audience: (request: AudienceSizeRequest) => ['segments', 'audience-size', request] as const,
};

/** Presets first, then saved segments by name (the API's order). */
export function useSegmentsQuery() {
  return useQuery({
    queryKey: segmentKeys.list(),
    queryFn: ({ signal }) => apiGet<SegmentListResponse>('/segments', { signal }),
    staleTime: 60_000,
  });
}

/** The live audience size of a rule set, for the builder (debounce the rules before passing them). */
export function useAudienceSizeQuery(request: AudienceSizeRequest, enabled = true) {
  return useQuery({
    queryKey: segmentKeys.audience(request),
    queryFn: ({ signal }) => apiPost<AudienceSizeResponse>('/segments/audience-size', request, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

function useInvalidateSegments() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: segmentKeys.all }),
      client.invalidateQueries({ queryKey: analyticsKeys.all }),
    ]);
}

export function useCreateSegment() {
  const invalidate = useInvalidateSegments();
  return useMutation({
    mutationFn: (request: CreateSegmentRequest) => apiPost<Segment>('/segments', request),
    onSuccess: invalidate,
  });
}

export function useUpdateSegment() {
  const invalidate = useInvalidateSegments();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateSegmentRequest }) =>
      apiPatch<Segment>(`/segments/${encodeURIComponent(id)}`, changes),
    onSuccess: invalidate,
  });
}

export function useDeleteSegment() {
  const invalidate = useInvalidateSegments();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/segments/${encodeURIComponent(id)}`),
    onSuccess: invalidate,
  });
}
