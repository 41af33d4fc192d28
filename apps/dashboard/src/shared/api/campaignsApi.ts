import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Campaign,
  CampaignListResponse,
  CreateCampaignRequest,
  CreateCreativeRequest,
  Creative,
  CreativeListResponse,
  UpdateCampaignRequest,
  UpdateCreativeRequest,
} from '@resonance/contracts';
import { apiDelete, apiGet, apiPatch, apiPost } from './http';

/** Every key starts with 'campaigns', so one invalidation refreshes every campaign view (options lists too). */
export const campaignKeys = {
  all: ['campaigns'] as const,
  list: (params: { limit: number; offset: number }) => ['campaigns', 'list', params] as const,
  detail: (id: string) => ['campaigns', 'detail', id] as const,
  creatives: (id: string, params: { limit: number; needsDetails?: boolean }) =>
    ['campaigns', id, 'creatives', params] as const,
};

const id = (value: string) => encodeURIComponent(value);

/** `GET /campaigns?limit&offset`: the one list request (pages and pickers share its cache). */
function campaignListQuery(params: { limit: number; offset: number }) {
  return {
    queryKey: campaignKeys.list(params),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      apiGet<CampaignListResponse>('/campaigns', { signal, query: params }),
  };
}

export function useCampaignsQuery(params: { limit: number; offset: number } = { limit: 500, offset: 0 }) {
  return useQuery(campaignListQuery(params));
}

export interface CampaignOption {
  id: string;
  name: string;
  key: string;
  startsOn: string | null;
  endsOn: string | null;
}

/** Campaigns for filter bars and pickers (id, name, key, window), in the API's order (newest data first). */
export function useCampaignOptions() {
  return useQuery({
    ...campaignListQuery({ limit: 500, offset: 0 }),
    select: (res: CampaignListResponse): CampaignOption[] =>
      res.items.map((c) => ({ id: c.id, name: c.name, key: c.key, startsOn: c.startsOn, endsOn: c.endsOn })),
    staleTime: 60_000,
  });
}

/** `GET /campaigns/:id`. */
export function useCampaignQuery(campaignId: string) {
  return useQuery({
    queryKey: campaignKeys.detail(campaignId),
    queryFn: ({ signal }) => apiGet<Campaign>(`/campaigns/${id(campaignId)}`, { signal }),
  });
}

/** `GET /campaigns/:id/creatives?limit&needsDetails` (those waiting for details first). */
export function useCampaignCreativesQuery(
  campaignId: string,
  params: { limit: number; needsDetails?: boolean } = { limit: 500 },
) {
  return useQuery({
    queryKey: campaignKeys.creatives(campaignId, params),
    queryFn: ({ signal }) =>
      apiGet<CreativeListResponse>(`/campaigns/${id(campaignId)}/creatives`, { signal, query: params }),
  });
}

/** `POST /campaigns`. */
export function useCreateCampaignMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCampaignRequest) => apiPost<Campaign>('/campaigns', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

/** `PATCH /campaigns/:id`. */
export function useUpdateCampaignMutation(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCampaignRequest) => apiPatch<Campaign>(`/campaigns/${id(campaignId)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

/** `POST /campaigns/:id/creatives`. */
export function useCreateCreativeMutation(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCreativeRequest) => apiPost<Creative>(`/campaigns/${id(campaignId)}/creatives`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

/** `PATCH /creatives/:id`: filling in its details clears "needs details". */
export function useUpdateCreativeMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ creativeId, body }: { creativeId: string; body: UpdateCreativeRequest }) =>
      apiPatch<Creative>(`/creatives/${id(creativeId)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

/** `DELETE /campaigns/:id?deleteData=` — with recorded figures the server answers 409 `has_data` unless deleteData. */
export function useDeleteCampaignMutation(campaignId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ deleteData }: { deleteData: boolean }) =>
      apiDelete(`/campaigns/${id(campaignId)}`, { query: { deleteData: deleteData ? 'true' : undefined } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: campaignKeys.detail(campaignId) });
      return queryClient.invalidateQueries({ queryKey: campaignKeys.all });
    },
  });
}
