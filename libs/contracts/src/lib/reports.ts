import type { ListResponse, Platform } from './domain.js';

/**
 * How a saved view's period is worked out each time it is opened (in the organisation's time
 * zone): rolling windows, the last complete week (Monday–Sunday) or month, Mental Health Awareness
 * Month (this year's May once it has begun, else last year's), the same observance a year earlier
 * (`awarenessLastYear`), or fixed dates.
 */
export const PERIOD_RULES = [
  'last7',
  'last30',
  'last90',
  'thisMonth',
  'lastWeek',
  'lastMonth',
  'thisQuarter',
  'yearToDate',
  'awareness',
  'awarenessLastYear',
  'custom',
] as const;
export type PeriodRule = (typeof PERIOD_RULES)[number];

/** previous_period: the same number of days just before; previous_year: the same dates a year earlier. */
export const VIEW_COMPARE_MODES = ['previous_period', 'previous_year', 'none'] as const;
export type ViewCompareMode = (typeof VIEW_COMPARE_MODES)[number];

/** The dashboard pages a view can be saved from and shared as. */
export const SAVED_VIEW_PAGES = ['overview', 'report'] as const;
export type SavedViewPage = (typeof SAVED_VIEW_PAGES)[number];

export interface SavedViewFilters {
  period: PeriodRule;
  /** Only with period 'custom': inclusive YYYY-MM-DD. */
  from?: string;
  to?: string;
  campaignId: string | null;
  platform: Platform | null;
  segmentId: string | null;
  compare: ViewCompareMode;
}

export interface SavedView {
  id: string;
  name: string;
  page: SavedViewPage;
  filters: SavedViewFilters;
  createdAt: string;
  createdBy: string | null;
}

export type SavedViewListResponse = ListResponse<SavedView>;

export interface CreateSavedViewRequest {
  name: string;
  page: SavedViewPage;
  filters: SavedViewFilters;
}

export const SHARE_LINK_MAX_DAYS = 365;

export type ShareLinkStatus = 'active' | 'expired' | 'revoked';

export interface ShareLink {
  id: string;
  savedViewId: string;
  savedViewName: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string;
  revokedAt: string | null;
  status: ShareLinkStatus;
  hasPassword: boolean;
  openCount: number;
  lastOpenedAt: string | null;
}

export type ShareLinkListResponse = ListResponse<ShareLink>;

export interface CreateShareLinkRequest {
  savedViewId: string;
  /** 1–365 days from now. */
  expiresInDays: number;
  /** Optional: the viewer must type it before the view opens (at least 8 characters). */
  password?: string;
}

/** The token is shown once: only its hash is stored. */
export interface CreatedShareLink extends ShareLink {
  token: string;
  /** Dashboard path that opens the view: `/shared/<token>`. */
  path: string;
}

/** Authorization scheme of a shared viewer's requests: `Authorization: Share <accessToken>`. */
export const SHARE_AUTH_SCHEME = 'Share';

export interface OpenSharedViewRequest {
  token: string;
  password?: string;
}

/** A view as a shared viewer sees it: filters resolved to dates and names, nothing to change. */
export interface SharedView {
  name: string;
  page: SavedViewPage;
  organizationName: string;
  timeZone: string;
  period: { from: string; to: string };
  comparison: { mode: ViewCompareMode; from: string; to: string } | null;
  campaign: { id: string; name: string } | null;
  platform: Platform | null;
  segment: { id: string; name: string } | null;
  expiresAt: string;
}

/** One opening of a share link: a short-lived access token for this view's figures only. */
export interface SharedViewSession {
  accessToken: string;
  expiresAt: string;
  view: SharedView;
}

/** Breakdowns a shared view shows (a fixed list: nothing else is reachable through a link). */
export const SHARED_BREAKDOWNS = ['ageBand', 'gender', 'platform', 'region'] as const;
export type SharedBreakdown = (typeof SHARED_BREAKDOWNS)[number];
