import { useId, useMemo, useState } from 'react';
import { PLATFORMS, type Platform } from '@resonance/contracts';
import { useUrlFilters } from '../hooks/useUrlFilters';
import { localToday } from '../utils/dates';
import { formatIsoDate, PLATFORM_LABELS } from '../format';
import {
  COMPARE_LABELS,
  COMPARE_MODES,
  DATE_PRESET_LABELS,
  DATE_PRESETS,
  latestCampaignWindow,
  type CompareMode,
  type DatePreset,
} from '../utils/filters';

export interface FilterOption {
  id: string;
  name: string;
}

/** A campaign with its window: the FilterBar offers the latest one as a date shortcut. */
export interface CampaignFilterOption extends FilterOption {
  startsOn?: string | null;
  endsOn?: string | null;
}

export interface FilterBarProps {
  /** Campaigns to pick from; the campaign filter shows when given. */
  campaigns?: CampaignFilterOption[];
  /** Saved segments to pick from; the segment filter shows when given. */
  segments?: FilterOption[];
  /** Show the platform filter. Default true. */
  showPlatform?: boolean;
  /** Show the comparison picker. Default true. */
  showCompare?: boolean;
}

/** The filters of an analytics page, kept in the URL (see useUrlFilters). */
export function FilterBar({ campaigns, segments, showPlatform = true, showCompare = true }: FilterBarProps) {
  const { filters, comparison, setFilters, resetFilters } = useUrlFilters();
  const latest = useMemo(
    () =>
      latestCampaignWindow(
        (campaigns ?? []).map((c) => ({ ...c, startsOn: c.startsOn ?? null, endsOn: c.endsOn ?? null })),
        localToday(),
      ),
    [campaigns],
  );
  const onLatest = latest !== null && latest.from === filters.from && latest.to === filters.to;
  const id = useId();
  // On a phone the fields fold behind one button (CSS ignores this state on wider screens).
  const [collapsed, setCollapsed] = useState(true);
  return (
    <form
      className={collapsed ? 'filter-bar filter-bar--collapsed' : 'filter-bar'}
      aria-label="Filters"
      role="search"
      onSubmit={(e) => e.preventDefault()}
    >
      <button
        type="button"
        className="button filter-bar__toggle"
        aria-expanded={!collapsed}
        onClick={() => setCollapsed((c) => !c)}
      >
        {collapsed ? 'Show filters' : 'Hide filters'}
      </button>
      <div className="field">
        <label htmlFor={`${id}-range`}>Dates</label>
        <select
          id={`${id}-range`}
          value={filters.preset}
          onChange={(e) => setFilters({ preset: e.target.value as DatePreset })}
        >
          {DATE_PRESETS.map((p) => (
            <option key={p} value={p}>
              {DATE_PRESET_LABELS[p]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={filters.from}
          max={filters.to}
          onChange={(e) => e.target.value && setFilters({ from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To</label>
        <input
          id={`${id}-to`}
          type="date"
          value={filters.to}
          min={filters.from}
          onChange={(e) => e.target.value && setFilters({ to: e.target.value })}
        />
      </div>
      {campaigns && (
        <div className="field">
          <label htmlFor={`${id}-campaign`}>Campaign</label>
          <select
            id={`${id}-campaign`}
            value={filters.campaignId ?? ''}
            onChange={(e) => setFilters({ campaignId: e.target.value || null })}
          >
            <option value="">All campaigns</option>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {showPlatform && (
        <div className="field">
          <label htmlFor={`${id}-platform`}>Platform</label>
          <select
            id={`${id}-platform`}
            value={filters.platform ?? ''}
            onChange={(e) => setFilters({ platform: (e.target.value || null) as Platform | null })}
          >
            <option value="">All platforms</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_LABELS[p]}
              </option>
            ))}
          </select>
        </div>
      )}
      {segments && (
        <div className="field">
          <label htmlFor={`${id}-segment`}>Segment</label>
          <select
            id={`${id}-segment`}
            value={filters.segmentId ?? ''}
            onChange={(e) => setFilters({ segmentId: e.target.value || null })}
          >
            <option value="">Everyone</option>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {showCompare && (
        <div className="field">
          <label htmlFor={`${id}-compare`}>Compare with</label>
          <select
            id={`${id}-compare`}
            value={filters.compare}
            onChange={(e) => setFilters({ compare: e.target.value as CompareMode })}
          >
            {COMPARE_MODES.map((m) => (
              <option key={m} value={m}>
                {COMPARE_LABELS[m]}
              </option>
            ))}
          </select>
        </div>
      )}
      {latest && !onLatest && (
        <button
          type="button"
          className="button filter-bar__reset"
          onClick={() => setFilters({ from: latest.from, to: latest.to })}
        >
          Latest campaign: {latest.name}
        </button>
      )}
      <button type="button" className="button filter-bar__reset" onClick={resetFilters}>
        Reset filters
      </button>
      <p className="filter-bar__summary muted" aria-live="polite">
        {formatIsoDate(filters.from)} – {formatIsoDate(filters.to)}
        {comparison && ` · compared with ${formatIsoDate(comparison.from)} – ${formatIsoDate(comparison.to)}`}
      </p>
    </form>
  );
}
