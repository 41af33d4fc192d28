import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AudienceSizeRequest,
  AudienceSizeResponse,
  CreateSegmentRequest,
  Segment,
  SegmentListResponse,
  SegmentReportResponse,
  UpdateSegmentRequest,
} from '@resonance/contracts';
import { apiDelete, apiGet, apiPatch, apiPost } from './http';
import { analyticsKeys } from '../analytics/api/analyticsKeys';
import { toAnalyticsParams, type AnalyticsFilters } from '../analytics/api/analyticsQuery';

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

/**
 * The segment report: one row per segment, current vs previous period. The page's segment filter
 * is not applied here (the report is about the segments themselves); `segments` picks the rows.
 */
export function useSegmentReportQuery(filters: AnalyticsFilters, segments: readonly string[]) {
  const params = segmentReportParams(filters, segments);
  return useQuery({
    queryKey: analyticsKeys.segmentReport(params),
    queryFn: ({ signal }) => apiGet<SegmentReportResponse>('/analytics/segments', { query: params, signal }),
    placeholderData: keepPreviousData,
  });
}

export function segmentReportParams(filters: AnalyticsFilters, segments: readonly string[]) {
  return toAnalyticsParams(
    { ...filters, segmentId: null, compare: 'previous_period' },
    { segment: segments.length > 0 ? segments : undefined },
  );
}
