import { useQuery } from '@tanstack/react-query';
import type { CampaignListResponse, CreativeListResponse } from '@resonance/contracts';
import { apiGet } from '../../../shared/api/http';

/** Campaigns for the filter bar and pickers (id and name), newest data first as the API orders them. */
export function useCampaignOptions() {
  return useQuery({
    queryKey: ['campaigns', 'options'],
    queryFn: ({ signal }) => apiGet<CampaignListResponse>('/campaigns', { query: { limit: 500 }, signal }),
    select: (res) =>
      res.items.map((c) => ({ id: c.id, name: c.name, key: c.key, startsOn: c.startsOn, endsOn: c.endsOn })),
    staleTime: 60_000,
  });
}

/** A campaign's creatives (for names in the compare page). */
export function useCampaignCreatives(campaignId: string | null) {
  return useQuery({
    queryKey: ['campaigns', campaignId, 'creatives'],
    queryFn: ({ signal }) => apiGet<CreativeListResponse>(`/campaigns/${campaignId}/creatives`, { signal }),
    enabled: campaignId !== null,
  });
}
