import { computeMetrics, COST_METRIC_DEFINITIONS, costPer, microsToAmount } from '@resonance/analytics';
import {
  COST_METRIC_IDS,
  type CostMetricDefinitionInfo,
  type CostMetricId,
  type EventType,
  type Platform,
  type ReportedPeriodRef,
  type ReportedPeriodsInfo,
  type Segment,
  type SpendFigures,
} from '@resonance/contracts';
import type { RawCell } from '../../warehouse/read/analytics-reader.js';
import type { DisclosurePolicy } from '../../warehouse/read/disclosure.js';
import { matchesConditions, type RawReportedPeriod, type RawSpend } from '../../warehouse/read/reported-periods.js';
import { rulesToConditions, type Condition } from '../../warehouse/read/scope.js';
import { EVERYONE_PRESET_ID, findPreset } from '../../segments/segment-presets.js';
import { isSuppressed, suppressStandalone } from './suppression.js';

/**
 * Lifetime and multi-day figures from platform exports in analytics answers, and spend.
 * A reported period is added to a total only when its whole window lies inside the range and it
 * answers the question's conditions at its own grain; it is never spread over days.
 */

const STRADDLING_LISTED = 50;

export interface ReportedSplit {
  /** Inside the range and answering the conditions: add to totals. */
  included: RawReportedPeriod[];
  straddling: RawReportedPeriod[];
  /** Inside the range, but reported without a dimension the conditions need. */
  excludedByGrain: number;
}

export function splitReported(rows: readonly RawReportedPeriod[], conditions: readonly Condition[]): ReportedSplit {
  const included: RawReportedPeriod[] = [];
  const straddling: RawReportedPeriod[] = [];
  let excludedByGrain = 0;
  for (const row of rows) {
    if (!row.included) {
      if (matchesConditions(row, conditions)) straddling.push(row);
    } else if (matchesConditions(row, conditions)) included.push(row);
    else excludedByGrain += 1;
  }
  return { included, straddling, excludedByGrain };
}

function refOf(row: RawReportedPeriod): ReportedPeriodRef {
  return {
    grain: row.grain,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    platform: row.platform as Platform,
    campaignId: row.campaign_id,
    creativeId: row.creative_id,
    creativeName: row.creative_name,
  };
}

/** meta.reportedPeriods: what the answer's totals include and what they leave out, and why. */
export function reportedPeriodsInfo(
  split: ReportedSplit,
  options: { placed: boolean },
): ReportedPeriodsInfo | undefined {
  const inside = split.included.length;
  if (inside === 0 && split.straddling.length === 0 && split.excludedByGrain === 0) return undefined;
  const included = options.placed ? inside : 0;
  const notPlaced = options.placed ? 0 : inside;
  const parts: string[] = [];
  if (options.placed) {
    parts.push(
      `${included} figure${included === 1 ? '' : 's'} a platform reported for a whole post lifetime or several days ` +
        `(per-post exports) ${included === 1 ? 'is' : 'are'} included: ${included === 1 ? 'its' : 'each'} window lies inside the range.`,
    );
  } else {
    parts.push(
      `${notPlaced} figure${notPlaced === 1 ? '' : 's'} a platform reported for a whole post lifetime or several days ` +
        `${notPlaced === 1 ? 'is' : 'are'} not in these rows: ${notPlaced === 1 ? 'it covers' : 'they cover'} more than one ` +
        'day (or no audience breakdown) and cannot be placed here without inventing how it divides. The totals and the ' +
        'posts table show them.',
    );
  }
  if (split.straddling.length > 0) {
    parts.push(
      `${split.straddling.length} straddle${split.straddling.length === 1 ? 's' : ''} the range and ` +
        `${split.straddling.length === 1 ? 'is' : 'are'} left out: ${split.straddling.length === 1 ? 'its' : 'their'} ` +
        'figures cannot be split by day. Widen the range to include them.',
    );
  }
  if (split.excludedByGrain > 0) {
    parts.push(
      `${split.excludedByGrain} ${split.excludedByGrain === 1 ? 'is' : 'are'} left out because the filters need a ` +
        'breakdown (age, gender, region, language) the platform did not report.',
    );
  }
  return {
    included,
    straddling: split.straddling.slice(0, STRADDLING_LISTED).map(refOf),
    straddlingOmitted: Math.max(0, split.straddling.length - STRADDLING_LISTED),
    excludedByGrain: split.excludedByGrain,
    notPlaced,
    note: parts.join(' '),
  };
}

/** The cell with reported periods' counts added (reach is untouched: the platform's is never mixed in). */
export function addReported(cell: RawCell, rows: readonly RawReportedPeriod[]): RawCell {
  if (rows.length === 0) return cell;
  const events: Partial<Record<EventType, number>> = { ...(cell.events ?? eventsOf(cell)) };
  for (const row of rows) {
    for (const [type, value] of Object.entries(row.events) as [EventType, number][]) {
      events[type] = (events[type] ?? 0) + value;
    }
  }
  return { ...cell, events, counts: computeMetrics(events) };
}

/** Event counts of a cell read without them (a zero-filled cell): only zero cells lack them. */
function eventsOf(cell: RawCell): Partial<Record<EventType, number>> {
  if (cell.counts.impressions !== 0 || cell.counts.engagements !== 0) {
    throw new Error('a cell with counts but no event breakdown cannot take reported figures');
  }
  return {};
}

export function costDefinitions(): Record<CostMetricId, CostMetricDefinitionInfo> {
  const out = {} as Record<CostMetricId, CostMetricDefinitionInfo>;
  for (const id of COST_METRIC_IDS) {
    const def = COST_METRIC_DEFINITIONS[id];
    out[id] = {
      id,
      label: def.label,
      description: def.description,
      denominator: def.denominator,
      per: def.per,
      additive: def.additive,
    };
  }
  return out;
}

/**
 * Spend per currency as published: spend exact (money, not people); the counts of the rows that
 * carry spend published like any count (threshold, cell-key perturbation); each cost divides spend
 * by the published count, and is suppressed when that count is, so spend and a cost never give
 * a hidden or exact count back.
 */
export function publishSpend(raw: readonly RawSpend[], policy: DisclosurePolicy): SpendFigures[] {
  return raw.map((r) => {
    const set = suppressStandalone({ counts: computeMetrics(r.events), reach: null }, policy);
    const cost = (id: Exclude<CostMetricId, 'spend'>): SpendFigures['cpm'] => {
      const def = COST_METRIC_DEFINITIONS[id];
      const denominator = set[def.denominator ?? 'impressions'];
      if (isSuppressed(denominator)) return { suppressed: true };
      return costPer(r.spendMicros, denominator, def.per);
    };
    return {
      currency: r.currency,
      spend: microsToAmount(r.spendMicros),
      impressions: set.impressions,
      clicks: set.clicks,
      engagements: set.engagements,
      resourceClicks: set.resourceClicks,
      cpm: cost('cpm'),
      costPerClick: cost('costPerClick'),
      costPerEngagement: cost('costPerEngagement'),
      costPerResourceClick: cost('costPerResourceClick'),
    };
  });
}

/**
 * The report's segments, with "Everyone" added when no segment was asked for and figures inside the
 * range fit none of the defaults (posts reported without an audience breakdown).
 */
export function withEveryone(params: {
  segments: Segment[];
  requested: boolean;
  periods: readonly RawReportedPeriod[];
  scopeConditions: readonly Condition[];
}): Segment[] {
  const { segments, requested, periods, scopeConditions } = params;
  if (requested || segments.some((s) => s.id === EVERYONE_PRESET_ID)) return segments;
  const unplaced = splitReported(periods, scopeConditions).included.some(
    (p) => !segments.some((s) => matchesConditions(p, rulesToConditions(s.rules))),
  );
  const everyone = findPreset(EVERYONE_PRESET_ID);
  return unplaced && everyone ? [...segments, everyone] : segments;
}
