import { useMemo } from 'react';
import { useLocation } from 'react-router';
import { useUrlFilters } from '../../hooks/useUrlFilters';
import { useSegmentsQuery } from '../../api/segmentsApi';
import { useCampaignOptions } from '../../api/campaignsApi';

const COMPARISON_LABELS = {
  previous_period: 'previous period',
  previous_year: 'same period last year',
  none: null,
} as const;

/** The URL filters of an analytics page, with the words and links the page needs. */
export function useAnalyticsPage() {
  const url = useUrlFilters();
  const location = useLocation();
  return {
    ...url,
    comparisonLabel: COMPARISON_LABELS[url.filters.compare],
    /** The current query string, to carry the filters into links to other pages. */
    search: location.search,
  };
}

/** Campaign and segment options for the FilterBar. */
export function useFilterOptions() {
  const campaigns = useCampaignOptions();
  const segments = useSegmentsQuery();
  return useMemo(
    () => ({
      campaigns: campaigns.data?.map((c) => ({ id: c.id, name: c.name, startsOn: c.startsOn, endsOn: c.endsOn })) ?? [],
      segments: segments.data?.items.map((s) => ({ id: s.id, name: s.name })) ?? [],
    }),
    [campaigns.data, segments.data],
  );
}
