import { useId, useMemo, useState, type FormEvent } from 'react';
import { AGE_BANDS, GENDERS, PLATFORMS, type SegmentRules } from '@resonance/contracts';
import { FormError } from '../../../shared/components/FormError';
import type { AnalyticsFilters } from '../../../shared/analytics/api/analyticsQuery';
import { useGroupedBreakdownQuery } from '../../../shared/analytics/api/analyticsApi';
import { ageBandLabel, GENDER_LABELS, PLATFORM_LABELS } from '../../../shared/format';
import { useCreateSegment } from '../../../shared/api/segmentsApi';
import { useDebouncedValue } from '../hooks/useDebouncedValue';
import { isEmptyRules, normaliseRules, toggleRuleValue, type RuleDimension } from '../utils/rules';
import { describeRules } from '../utils/segmentReport';
import { AudienceSize } from './AudienceSize';
import { RuleValuePicker } from './RuleValuePicker';

const FIXED_OPTIONS = {
  ageBand: AGE_BANDS.map((v) => ({ value: v, label: ageBandLabel(v) })),
  gender: GENDERS.map((v) => ({ value: v, label: GENDER_LABELS[v] ?? v })),
  platform: PLATFORMS.map((v) => ({ value: v, label: PLATFORM_LABELS[v] ?? v })),
};

/**
 * Values seen in the data for an open-ended dimension (regions, languages), from the page's breakdowns
 * request (`group`): without a platform or segment filter it is the very request the page's cards make.
 */
function useObservedValues(filters: AnalyticsFilters, group: readonly string[], by: 'region' | 'language') {
  const query = useGroupedBreakdownQuery({ ...filters, platform: null, segmentId: null }, group, by);
  return useMemo(
    () =>
      query.data?.rows
        .map((r) => ({ value: r.key[0]?.value ?? '', label: r.key[0]?.label ?? '' }))
        .filter((o) => o.value) ?? [],
    [query.data],
  );
}

/** Build a segment: tick values per dimension (AND across, OR within), see the audience live, save it. */
export function SegmentBuilder({ filters, group }: { filters: AnalyticsFilters; group: readonly string[] }) {
  const id = useId();
  const [name, setName] = useState('');
  const [rules, setRules] = useState<SegmentRules>({});
  const [saved, setSaved] = useState<string | null>(null);
  const create = useCreateSegment();
  const regions = useObservedValues(filters, group, 'region');
  const languages = useObservedValues(filters, group, 'language');
  const debounced = useDebouncedValue(normaliseRules(rules), 300);
  const request = useMemo(
    () => ({ rules: debounced, campaign: filters.campaignId ?? undefined, from: filters.from, to: filters.to }),
    [debounced, filters.campaignId, filters.from, filters.to],
  );

  const toggle = (dimension: RuleDimension) => (value: string) => {
    setSaved(null);
    setRules((r) => toggleRuleValue(r, dimension, value));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), rules: normaliseRules(rules) },
      {
        onSuccess: (segment) => {
          setSaved(segment.name);
          setName('');
          setRules({});
        },
      },
    );
  };
  const picker = (
    dimension: RuleDimension,
    legend: string,
    options: { value: string; label: string }[],
    emptyText?: string,
  ) => (
    <RuleValuePicker
      legend={legend}
      options={options}
      selected={(rules[dimension] ?? []) as string[]}
      onToggle={toggle(dimension)}
      emptyText={emptyText}
    />
  );

  return (
    <form className="card segment-builder" aria-labelledby={`${id}-title`} onSubmit={onSubmit}>
      <h2 id={`${id}-title`} className="chart-card__title">
        Build a segment
      </h2>
      <p className="muted">
        People must match every dimension you narrow; within a dimension, any ticked value matches.
      </p>
      <div className="segment-builder__grid">
        {picker('ageBand', 'Age band', FIXED_OPTIONS.ageBand)}
        {picker('gender', 'Gender', FIXED_OPTIONS.gender)}
        {picker('platform', 'Platform', FIXED_OPTIONS.platform)}
        {picker('region', 'Region', regions, 'No regions in this period.')}
        {picker('language', 'Language', languages, 'No languages in this period.')}
      </div>
      <p className="segment-builder__rules">
        <strong>Rule:</strong> {describeRules(rules as Record<string, string[]>)}
      </p>
      <AudienceSize request={request} />
      <div className="segment-builder__save">
        <div className="field">
          <label htmlFor={`${id}-name`}>Segment name</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            placeholder="e.g. Young women on Instagram"
          />
        </div>
        <button
          type="submit"
          className="button button--primary"
          disabled={create.isPending || !name.trim() || isEmptyRules(rules)}
        >
          {create.isPending ? 'Saving…' : 'Save segment'}
        </button>
      </div>
      {isEmptyRules(rules) && <p className="muted">Tick at least one value to describe the segment.</p>}
      <FormError error={create.error} />
      {saved && (
        <p role="status" className="success">
          Saved “{saved}”. It is now in your saved segments and in the segment report.
        </p>
      )}
    </form>
  );
}
