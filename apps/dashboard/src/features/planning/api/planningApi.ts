import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type CreateObservanceRequest,
  type LinkCampaignRequest,
  type LinkedCampaign,
  type Observance,
  type ObservanceDetail,
  type PlanCampaignRequest,
  type RecommendationsResponse,
  type SampleSizeResponse,
  type UpcomingObservancesResponse,
  type YoyResponse,
} from '@resonance/contracts';
import { campaignKeys } from '../../../shared/api/campaignsApi';
import { apiDelete, apiGet, apiPost, apiRequest } from '../../../shared/api/http';
import { type PlannerDesign } from '../utils/plannerForm';

/** Query keys for the planning feature: every parameter is in the key. */
export const planningKeys = {
  all: ['planning'] as const,
  upcoming: (params: { from?: string; months: number; region: string | null }) =>
    ['planning', 'upcoming', params] as const,
  observance: (id: string) => ['planning', 'observance', id] as const,
  yoy: (params: { observance: string; segments: readonly string[] }) => ['planning', 'yoy', params] as const,
  recommendations: (params: { observance: string; segments: readonly string[] }) =>
    ['planning', 'recommendations', params] as const,
  sampleSize: (params: Record<string, number>) => ['planning', 'sample-size', params] as const,
};

/**
 * `GET /planning/observances/upcoming`: occurrences overlapping the next `months` months from `from`
 * (default: today in the organisation's time zone, which the answer's `from` states).
 */
export function useUpcomingObservancesQuery(params: { from?: string; months: number; region: string | null }) {
  return useQuery({
    queryKey: planningKeys.upcoming(params),
    queryFn: ({ signal }) =>
      apiGet<UpcomingObservancesResponse>('/planning/observances/upcoming', {
        signal,
        query: { from: params.from, months: params.months, region: params.region },
      }),
    placeholderData: keepPreviousData,
  });
}

/** `GET /planning/observances/:id`: the observance, its occurrences and the org's linked campaigns. */
export function useObservanceQuery(id: string) {
  return useQuery({
    queryKey: planningKeys.observance(id),
    queryFn: ({ signal }) => apiGet<ObservanceDetail>(`/planning/observances/${encodeURIComponent(id)}`, { signal }),
  });
}

/** `POST /planning/observances`: an observance of the organisation's own. */
export function useCreateObservanceMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateObservanceRequest) => apiPost<Observance>('/planning/observances', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: planningKeys.all }),
  });
}

/** `DELETE /planning/observances/:id`: an own observance; 409 `observance_in_use` while campaigns link to it. */
export function useDeleteObservanceMutation(observanceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiDelete(`/planning/observances/${encodeURIComponent(observanceId)}`),
    // Forget every planning answer rather than refetch: the open page's queries would 404, and a
    // cached calendar would show the deleted observance until its refetch lands.
    onSuccess: () => queryClient.removeQueries({ queryKey: planningKeys.all }),
  });
}

const path = (observanceId: string, campaignId: string) =>
  `/planning/observances/${encodeURIComponent(observanceId)}/campaigns/${encodeURIComponent(campaignId)}`;

/** Links change the observance's campaigns, its year-over-year and its recommendations: refresh them all. */
function useInvalidatePlanning() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: planningKeys.all });
    void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
  };
}

/** `PUT /planning/observances/:id/campaigns/:campaignId`: links an existing campaign (for `year`, or the nearest). */
export function useLinkCampaignMutation(observanceId: string) {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: ({ campaignId, year }: { campaignId: string; year?: number }) => {
      const body: LinkCampaignRequest = year === undefined ? {} : { year };
      return apiRequest<LinkedCampaign>('PUT', path(observanceId, campaignId), { body });
    },
    onSuccess: invalidate,
  });
}

/** `DELETE` on the same path: unlinks (the campaign and its window stay). */
export function useUnlinkCampaignMutation(observanceId: string) {
  const invalidate = useInvalidatePlanning();
  return useMutation({
    mutationFn: (campaignId: string) => apiDelete<LinkedCampaign>(path(observanceId, campaignId)),
    onSuccess: invalidate,
  });
}

/** `POST /planning/observances/:id/plan`: a new campaign linked to the observance, window filled in. */
export function usePlanCampaignMutation(observanceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanCampaignRequest) =>
      apiPost<LinkedCampaign>(`/planning/observances/${encodeURIComponent(observanceId)}/plan`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: planningKeys.observance(observanceId) });
      void queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}

/** `GET /planning/yoy`: engagement per year on the observance's own window, per segment. */
export function useYoyQuery(params: { observance: string; segments: readonly string[] }) {
  return useQuery({
    queryKey: planningKeys.yoy(params),
    queryFn: ({ signal }) =>
      apiGet<YoyResponse>('/planning/yoy', {
        signal,
        query: { observance: params.observance, segment: params.segments.join(',') },
      }),
    placeholderData: keepPreviousData,
  });
}

/** `GET /planning/recommendations`: formats, platforms and themes ranked per segment. */
export function useRecommendationsQuery(params: { observance: string; segments: readonly string[] }) {
  return useQuery({
    queryKey: planningKeys.recommendations(params),
    queryFn: ({ signal }) =>
      apiGet<RecommendationsResponse>('/planning/recommendations', {
        signal,
        query: { observance: params.observance, segment: params.segments.join(',') },
      }),
    placeholderData: keepPreviousData,
  });
}

export type SampleSizeParams = PlannerDesign & ({ minRelativeLift: number } | { impressionsPerArm: number });

/**
 * `GET /planning/sample-size`: impressions per creative per segment for a lift, or (with
 * impressionsPerArm) the smallest detectable lift. Disabled while the form is invalid (null).
 */
export function useSampleSizeQuery(params: SampleSizeParams | null) {
  return useQuery({
    queryKey: planningKeys.sampleSize({ ...params }),
    queryFn: ({ signal }) => apiGet<SampleSizeResponse>('/planning/sample-size', { signal, query: { ...params } }),
    enabled: params !== null,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
