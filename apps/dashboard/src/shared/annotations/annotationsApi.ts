import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Annotation,
  AnnotationListResponse,
  CreateAnnotationRequest,
  UpdateAnnotationRequest,
} from '@resonance/contracts';
import { apiDelete, apiGet, apiPatch, apiPost } from '../api/http';

export const annotationKeys = {
  all: ['annotations'] as const,
  range: (from: string, to: string, campaign: string | null) => ['annotations', from, to, campaign] as const,
};

/** Notes and observance windows of a chart's range; with a campaign, its notes and notes tied to none. */
export function useAnnotationsQuery(range: { from: string; to: string; campaignId?: string | null }) {
  const campaign = range.campaignId ?? null;
  return useQuery({
    queryKey: annotationKeys.range(range.from, range.to, campaign),
    queryFn: ({ signal }) =>
      apiGet<AnnotationListResponse>('/annotations', {
        query: { from: range.from, to: range.to, campaign },
        signal,
      }),
  });
}

export function useCreateAnnotationMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateAnnotationRequest) => apiPost<Annotation>('/annotations', request),
    onSuccess: () => client.invalidateQueries({ queryKey: annotationKeys.all }),
  });
}

export function useUpdateAnnotationMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, request }: { id: string; request: UpdateAnnotationRequest }) =>
      apiPatch<Annotation>(`/annotations/${encodeURIComponent(id)}`, request),
    onSuccess: () => client.invalidateQueries({ queryKey: annotationKeys.all }),
  });
}

export function useDeleteAnnotationMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/annotations/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: annotationKeys.all }),
  });
}
