import { FILTER_PARAMS, latestCampaignWindow, type CampaignWindow } from '../../utils/filters';

const FILTER_KEYS: readonly string[] = Object.values(FILTER_PARAMS);

/** The localStorage key of a page's last filters, per user and organisation (one browser, several people). */
export function lastViewKey(userId: string, orgId: string, page: string): string {
  return `resonance:last-view:${orgId}:${userId}:${page}`;
}

/** Only the filter parameters of a query string ("range=last90&campaign=…"), in a stable order. */
export function filterParamsOf(params: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) for (const value of params.getAll(key)) out.append(key, value);
  return out;
}

export function hasFilterParams(params: URLSearchParams): boolean {
  return FILTER_KEYS.some((key) => params.has(key));
}

/**
 * The filters a page opens with when its URL names none: the user's last view of the page when there
 * is one, else the latest campaign's window (the last 30 days are often a quiet stretch), else none
 * (the defaults). Parameters that are not filters (a tab, compared segments) are kept.
 */
export function firstViewParams(
  params: URLSearchParams,
  remembered: string | null,
  campaigns: readonly CampaignWindow[],
  today: string,
): URLSearchParams | null {
  if (hasFilterParams(params)) return null;
  const next = new URLSearchParams(params);
  const stored = remembered === null ? null : filterParamsOf(new URLSearchParams(remembered));
  if (stored && hasFilterParams(stored)) {
    for (const [key, value] of stored) next.append(key, value);
    return next;
  }
  const latest = latestCampaignWindow(campaigns, today);
  if (!latest) return null;
  next.set(FILTER_PARAMS.preset, 'custom');
  next.set(FILTER_PARAMS.from, latest.from);
  next.set(FILTER_PARAMS.to, latest.to);
  return next;
}
