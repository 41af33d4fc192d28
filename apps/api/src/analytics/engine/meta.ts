import {
  METRIC_DEFINITIONS,
  SKETCH_EXPLICIT_LIMIT,
  SKETCH_RELATIVE_STANDARD_ERROR,
  type MetricId,
} from '@resonance/analytics';
import type {
  AnalyticsMeta,
  AnalyticsMetricId,
  AnalyticsSource,
  MetricDefinitionInfo,
  Platform,
  ReportedPeriodsInfo,
  ReportedReach,
} from '@resonance/contracts';
import { costDefinitions } from './reported.js';
import type { RawReportedReach, ReadTrace } from '../../warehouse/read/analytics-reader.js';
import type { AnalyticsScope } from '../../warehouse/read/scope.js';
import { publishLoneCount, suppressionInfo } from './suppression.js';

export function metricDefinitions(): Record<AnalyticsMetricId, MetricDefinitionInfo> {
  const out = {} as Record<AnalyticsMetricId, MetricDefinitionInfo>;
  for (const [id, def] of Object.entries(METRIC_DEFINITIONS) as [
    AnalyticsMetricId,
    (typeof METRIC_DEFINITIONS)[MetricId],
  ][]) {
    out[id] = {
      id,
      label: def.label,
      kind: def.kind,
      description: def.description,
      ...(def.numerator ? { numerator: [...def.numerator] } : {}),
      ...(def.denominator ? { denominator: [...def.denominator] } : {}),
      additive: def.additive,
    };
  }
  return out;
}

const REACH_NOTE =
  'Reach is a count of distinct member keys, never a sum: a person reached on several days, platforms, creatives ' +
  'or segments counts once in a total. Events sent ' +
  'without a member key, and aggregated rows from platform exports, add to counts but not to reach. Reach that a ' +
  'platform reported is listed under platformReported at the grain it was reported and is never added to it.';

const EXACT_NOTE = ' Every reach figure here is an exact count.';
const SKETCH_NOTE =
  ` Figures above ${SKETCH_EXPLICIT_LIMIT.toLocaleString('en')} people are estimated from HyperLogLog sketches ` +
  `(relative standard error ${(SKETCH_RELATIVE_STANDARD_ERROR * 100).toFixed(2)}%: 19 in 20 figures lie within ` +
  `±${(SKETCH_RELATIVE_STANDARD_ERROR * 196).toFixed(1)}% of the exact count); smaller figures are exact.`;

export function buildMeta(params: {
  scope: AnalyticsScope;
  source: AnalyticsSource;
  /** What answered the reads (the cube, sketch estimates); absent = the rollups, exactly. */
  trace?: ReadTrace;
  reachNotDerivable: string | null;
  reported: readonly RawReportedReach[];
  notes?: readonly string[];
  /** Which multi-day and lifetime figures the answer includes (see engine/reported.ts). */
  reportedPeriods?: ReportedPeriodsInfo | undefined;
  /** The answer carries spend: state the cost metric definitions. */
  withCost?: boolean;
}): AnalyticsMeta {
  const { scope, reachNotDerivable, reported } = params;
  const source: AnalyticsSource = params.trace?.cube ? 'cube_daily' : params.source;
  const estimated = params.trace?.reachEstimated === true;
  const notes = [...(params.notes ?? [])];
  // Hours are assigned to days by their start whether rollup_hourly or the cube's hour cells answered.
  if (params.source === 'rollup_hourly' && scope.subHourOffset) {
    notes.push(
      `${scope.tz} is offset from UTC by a fraction of an hour: figures are kept per UTC hour, so each hour is ` +
        `assigned to the local day (and hour bucket) in which it starts — day edges are approximated to within 30–45 minutes.`,
    );
  }
  const platformReported: ReportedReach[] = reported.map((r) => ({
    grain: r.grain,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    platform: r.platform as Platform,
    campaignId: r.campaign_id,
    creativeId: r.creative_id,
    ...(r.age_band !== null ? { ageBand: r.age_band } : {}),
    ...(r.gender !== null ? { gender: r.gender } : {}),
    ...(r.region !== null ? { region: r.region } : {}),
    reach: publishLoneCount(
      scope.disclosure,
      `reported-reach:${r.grain}:${r.period_start}:${r.period_end}:${r.platform}:${r.campaign_id}:${r.creative_id}` +
        (r.age_band === null && r.gender === null && r.region === null
          ? ''
          : `:${r.age_band ?? ''}:${r.gender ?? ''}:${r.region ?? ''}`),
      Math.round(r.reach),
    ),
  }));
  const reportedOmitted = Math.max(0, (reported[0]?.total ?? 0) - reported.length);
  return {
    query: {
      campaign: scope.campaign,
      from: scope.period.from,
      to: scope.period.to,
      tz: scope.tz,
      days: scope.days,
      filters: scope.filters,
      segment: scope.segment
        ? { id: scope.segment.id, name: scope.segment.name, isPreset: scope.segment.isPreset }
        : null,
      ...(scope.comparison ? { comparisonPeriod: scope.comparison } : {}),
    },
    definitions: metricDefinitions(),
    suppression: suppressionInfo(scope.threshold),
    reach: {
      method: estimated ? 'sketch' : 'exact',
      ...(estimated ? { relativeStandardError: Number(SKETCH_RELATIVE_STANDARD_ERROR.toFixed(4)) } : {}),
      ...(reachNotDerivable ? { notDerivable: reachNotDerivable } : {}),
      note: REACH_NOTE + (estimated ? SKETCH_NOTE : EXACT_NOTE),
      platformReported,
      ...(reportedOmitted > 0 ? { platformReportedOmitted: reportedOmitted } : {}),
    },
    source,
    notes,
    ...(params.reportedPeriods ? { reportedPeriods: params.reportedPeriods } : {}),
    ...(params.withCost ? { costDefinitions: costDefinitions() } : {}),
    generatedAt: new Date().toISOString(),
  };
}
