import { resolvePeriodRule } from '@resonance/analytics';
import { PERIOD_RULES, PLATFORMS, type Platform } from '@resonance/contracts';
import { addDays, daysInRange, isIsoDate, minusOneYear } from './dates';

/** The same names as a saved view's period rule (PERIOD_RULES in contracts). */
export const DATE_PRESETS = PERIOD_RULES;
export type DatePreset = (typeof DATE_PRESETS)[number];

export const DATE_PRESET_LABELS: Record<DatePreset, string> = {
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  last90: 'Last 90 days',
  thisMonth: 'This month',
  lastWeek: 'Last full week',
  lastMonth: 'Last full month',
  thisQuarter: 'This quarter',
  yearToDate: 'Year to date',
  awareness: 'Mental Health Awareness Month',
  awarenessLastYear: 'Awareness Month, a year earlier',
  custom: 'Custom dates',
};

/** previous_period: the same number of days just before; previous_year: the same dates a year earlier. */
export const COMPARE_MODES = ['previous_period', 'previous_year', 'none'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

export const COMPARE_LABELS: Record<CompareMode, string> = {
  previous_period: 'Previous period',
  previous_year: 'Same period last year',
  none: 'No comparison',
};

/** The dashboard's filters, resolved: a date range (inclusive ISO dates) and optional narrowing. */
export interface DashboardFilters {
  preset: DatePreset;
  from: string;
  to: string;
  campaignId: string | null;
  platform: Platform | null;
  segmentId: string | null;
  compare: CompareMode;
}

export type FiltersPatch = Partial<Omit<DashboardFilters, 'from' | 'to'>> & { from?: string; to?: string };

export const DEFAULT_PRESET: Exclude<DatePreset, 'custom'> = 'last30';
export const DEFAULT_COMPARE: CompareMode = 'previous_period';

/** URL parameter names; short and readable in a shared link. */
export const FILTER_PARAMS = {
  preset: 'range',
  from: 'from',
  to: 'to',
  campaignId: 'campaign',
  platform: 'platform',
  segmentId: 'segment',
  compare: 'compare',
} as const;

/**
 * The range of a preset ending today. "Mental Health Awareness Month" is May: this year's May once
 * it has begun, otherwise last year's.
 */
export function presetRange(preset: Exclude<DatePreset, 'custom'>, today: string): { from: string; to: string } {
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
    case 'thisMonth':
    case 'lastWeek':
    case 'lastMonth':
    case 'thisQuarter':
    case 'yearToDate':
    case 'awarenessLastYear':
      return resolvePeriodRule(preset, today);
    case 'awareness': {
      const year = Number(today.slice(0, 4)) - (today.slice(5) < '05-01' ? 1 : 0);
      return { from: `${year}-05-01`, to: `${year}-05-31` };
    }
  }
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** Reads filters from URL parameters; anything missing or invalid falls back to the defaults. */
export function parseFilters(params: URLSearchParams, today: string): DashboardFilters {
  const from = params.get(FILTER_PARAMS.from);
  const to = params.get(FILTER_PARAMS.to);
  let preset = oneOf(DATE_PRESETS, params.get(FILTER_PARAMS.preset));
  let range: { from: string; to: string };
  if ((preset === 'custom' || preset === null) && isIsoDate(from) && isIsoDate(to) && from <= to) {
    preset = 'custom';
    range = { from, to };
  } else {
    const named = preset && preset !== 'custom' ? preset : DEFAULT_PRESET;
    preset = named;
    range = presetRange(named, today);
  }
  return {
    preset,
    ...range,
    campaignId: params.get(FILTER_PARAMS.campaignId) || null,
    platform: oneOf(PLATFORMS, params.get(FILTER_PARAMS.platform)),
    segmentId: params.get(FILTER_PARAMS.segmentId) || null,
    compare: oneOf(COMPARE_MODES, params.get(FILTER_PARAMS.compare)) ?? DEFAULT_COMPARE,
  };
}

/**
 * Applies a change to the URL parameters, keeping parameters that are not filters (a tab, a page).
 * Defaults are left out so links stay short; setting `from`/`to` switches to custom dates.
 */
export function applyFiltersPatch(
  params: URLSearchParams,
  current: DashboardFilters,
  patch: FiltersPatch,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string | null | undefined) => (value ? next.set(key, value) : next.delete(key));
  if (patch.from !== undefined || patch.to !== undefined) {
    let from = patch.from ?? current.from;
    let to = patch.to ?? current.to;
    if (from > to) [from, to] = [to, from];
    set(FILTER_PARAMS.preset, 'custom');
    set(FILTER_PARAMS.from, from);
    set(FILTER_PARAMS.to, to);
  } else if (patch.preset !== undefined) {
    if (patch.preset === 'custom') {
      set(FILTER_PARAMS.preset, 'custom');
      set(FILTER_PARAMS.from, current.from);
      set(FILTER_PARAMS.to, current.to);
    } else {
      set(FILTER_PARAMS.preset, patch.preset === DEFAULT_PRESET ? null : patch.preset);
      set(FILTER_PARAMS.from, null);
      set(FILTER_PARAMS.to, null);
    }
  }
  if (patch.campaignId !== undefined) set(FILTER_PARAMS.campaignId, patch.campaignId);
  if (patch.platform !== undefined) set(FILTER_PARAMS.platform, patch.platform);
  if (patch.segmentId !== undefined) set(FILTER_PARAMS.segmentId, patch.segmentId);
  if (patch.compare !== undefined) set(FILTER_PARAMS.compare, patch.compare === DEFAULT_COMPARE ? null : patch.compare);
  return next;
}

/** The comparison range for the filters' range, or null for no comparison. */
export function comparisonRange(
  filters: Pick<DashboardFilters, 'from' | 'to' | 'compare'>,
): { from: string; to: string } | null {
  if (filters.compare === 'none') return null;
  if (filters.compare === 'previous_year') return { from: minusOneYear(filters.from), to: minusOneYear(filters.to) };
  const days = daysInRange(filters.from, filters.to);
  return { from: addDays(filters.from, -days), to: addDays(filters.from, -1) };
}

export interface CampaignWindow {
  id: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
}

/**
 * The most recent campaign that has begun, with its dates up to today: the period most likely to have
 * figures, offered as a shortcut because "the last 30 days" is often a quiet stretch between campaigns.
 */
export function latestCampaignWindow(
  campaigns: readonly CampaignWindow[],
  today: string,
): { name: string; from: string; to: string } | null {
  let latest: { name: string; from: string; to: string } | null = null;
  for (const c of campaigns) {
    if (!c.startsOn || c.startsOn > today) continue;
    const to = c.endsOn && c.endsOn < today ? c.endsOn : today;
    if (!latest || c.startsOn > latest.from) latest = { name: c.name, from: c.startsOn, to };
  }
  return latest;
}
