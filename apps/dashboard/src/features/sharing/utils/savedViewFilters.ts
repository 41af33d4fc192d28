import type { SavedView, SavedViewFilters, SavedViewPage } from '@resonance/contracts';
import { FILTER_PARAMS, type DashboardFilters } from '../../../shared/utils/filters';

/** The page's filters as a saved view keeps them: the period as its rule, dates only when custom. */
export function toSavedViewFilters(filters: DashboardFilters): SavedViewFilters {
  return {
    period: filters.preset,
    ...(filters.preset === 'custom' ? { from: filters.from, to: filters.to } : {}),
    campaignId: filters.campaignId,
    platform: filters.platform,
    segmentId: filters.segmentId,
    compare: filters.compare,
  };
}

const PAGE_PATHS: Record<SavedViewPage, string> = { overview: '/', report: '/report' };

/** The dashboard address that reopens a view (its period rule, not fixed dates, so it stays current). */
export function savedViewHref(view: Pick<SavedView, 'page' | 'filters'>): string {
  const { filters } = view;
  const params = new URLSearchParams();
  params.set(FILTER_PARAMS.preset, filters.period);
  if (filters.period === 'custom' && filters.from && filters.to) {
    params.set(FILTER_PARAMS.from, filters.from);
    params.set(FILTER_PARAMS.to, filters.to);
  }
  if (filters.campaignId) params.set(FILTER_PARAMS.campaignId, filters.campaignId);
  if (filters.platform) params.set(FILTER_PARAMS.platform, filters.platform);
  if (filters.segmentId) params.set(FILTER_PARAMS.segmentId, filters.segmentId);
  params.set(FILTER_PARAMS.compare, filters.compare);
  return `${PAGE_PATHS[view.page]}?${params.toString()}`;
}

/** The full address of a share link, for copying. */
export function shareLinkUrl(path: string, origin: string = window.location.origin): string {
  return `${origin}${path}`;
}
