import type {
  AnalyticsMeta,
  AnalyticsMetricId,
  BreakdownResponse,
  CreativeMatrixResponse,
  CreativeVerdict,
  CreativeMatrixCell,
  MetricDelta,
  MetricSet,
  SegmentReportResponse,
  ReportedPeriodsResponse,
  SegmentRules,
  SpendFigures,
  SummaryResponse,
  TimeseriesResponse,
} from '@resonance/contracts';
import {
  AGE_BAND_LABELS,
  describeReportedGrain,
  GENDER_LABELS,
  ANALYTICS_METRIC_IDS,
  BREAKDOWN_DIMENSION_LABELS,
  type AgeBand,
  type ShareMetric,
} from '@resonance/contracts';
import { valueLabel } from '../analytics/engine/labels.js';

/** A value as exported: numbers stay numbers, a hidden small count is marked, null is empty. */
export type ExportCell = string | number | null | { suppressed: true };

export interface ExportColumn {
  key: string;
  header: string;
  /**
   * What the numbers are; the header names the unit, and CSV and XLSX carry the same numbers.
   * `percent`: a rate or share as a percentage (8.27 = 8.27 %, not 0.0827); `points`: a difference
   * between two rates in percentage points (−4.6 = 4.6 points down), never a percentage; `decimal`: a
   * plain number without a unit (a p-value); `mixed`: a column whose rows have their own units (the
   * summary's metric rows say theirs); `money`: an amount in the currency its header names.
   */
  kind: 'text' | 'count' | 'percent' | 'points' | 'decimal' | 'mixed' | 'money';
}

export interface ExportTable {
  title: string;
  columns: ExportColumn[];
  rows: Record<string, ExportCell>[];
  /** Metric definitions, filters, suppression threshold, generated-at. */
  notes: { label: string; value: string }[];
  /** Text written for a suppressed cell, e.g. "<11". */
  suppressedLabel: string;
  /** The period the figures cover; files are named by it. */
  period: { from: string; to: string };
  /** Says which part of a page the file holds when a page has several of one report (a segment's panel). */
  fileLabel?: string;
}

export const EXPORT_REPORTS = [
  'summary',
  'timeseries',
  'breakdown',
  'segments',
  'creatives',
  'platform-reach',
  'posts',
  'spend',
  'segment-spend',
  'compare',
] as const;
export type ExportReport = (typeof EXPORT_REPORTS)[number];

const RATE_METRICS = new Set<AnalyticsMetricId>([
  'engagementRate',
  'clickThroughRate',
  'shareRate',
  'videoCompletionRate',
]);

/** Rounds without float noise (8.266666… → 8.27): the precision the screen shows, and a little more for points. */
function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A fraction 0–1 as a percentage with two decimals (0.0826666 → 8.27); hidden and empty cells stay so. */
export function asPercent(cell: ExportCell | undefined): ExportCell {
  return typeof cell === 'number' ? round(cell * 100, 2) : (cell ?? null);
}

/** A change between two rates (0.012) as percentage points (1.2), two decimals. */
const asPoints = asPercent;

/** A plain number to four significant digits (a p-value of 0.000123456 → 0.0001235). */
function asDecimal(cell: ExportCell | undefined): ExportCell {
  return typeof cell === 'number' ? Number(cell.toPrecision(4)) : (cell ?? null);
}

function metricLabel(meta: AnalyticsMeta, id: AnalyticsMetricId): string {
  return meta.definitions[id]?.label ?? id;
}

/** "Engagement rate (%)", "Impressions": the unit in the header. */
function metricHeader(meta: AnalyticsMeta, id: AnalyticsMetricId, suffix = ''): string {
  return `${metricLabel(meta, id)}${suffix}${RATE_METRICS.has(id) ? ' (%)' : ''}`;
}

function metricColumns(
  meta: AnalyticsMeta,
  prefix = '',
  headerSuffix = '',
  ids: readonly AnalyticsMetricId[] = ANALYTICS_METRIC_IDS,
): ExportColumn[] {
  return ids.map((id) => ({
    key: `${prefix}${id}`,
    header: metricHeader(meta, id, headerSuffix),
    kind: RATE_METRICS.has(id) ? 'percent' : 'count',
  }));
}

function metricCells(
  set: MetricSet,
  prefix = '',
  ids: readonly AnalyticsMetricId[] = ANALYTICS_METRIC_IDS,
): Record<string, ExportCell> {
  const out: Record<string, ExportCell> = {};
  for (const id of ids) out[`${prefix}${id}`] = RATE_METRICS.has(id) ? asPercent(set[id]) : set[id];
  return out;
}

function deltaCells(
  deltas: Record<AnalyticsMetricId, MetricDelta>,
  prefix: string,
  ids: readonly AnalyticsMetricId[] = ANALYTICS_METRIC_IDS,
): Record<string, ExportCell> {
  const out: Record<string, ExportCell> = {};
  for (const id of ids) {
    const absolute = deltas[id].absolute;
    out[`${prefix}abs_${id}`] = RATE_METRICS.has(id) ? asPoints(absolute) : absolute;
    out[`${prefix}rel_${id}`] = asPercent(deltas[id].relative);
  }
  return out;
}

function deltaColumns(
  meta: AnalyticsMeta,
  prefix: string,
  ids: readonly AnalyticsMetricId[] = ANALYTICS_METRIC_IDS,
): ExportColumn[] {
  return ids.flatMap((id): ExportColumn[] => {
    const label = metricLabel(meta, id);
    return [
      RATE_METRICS.has(id)
        ? { key: `${prefix}abs_${id}`, header: `${label} change (percentage points)`, kind: 'points' }
        : { key: `${prefix}abs_${id}`, header: `${label} change`, kind: 'count' },
      { key: `${prefix}rel_${id}`, header: `${label} change (%)`, kind: 'percent' },
    ];
  });
}

/**
 * How every export names its file: by report and period, the same for CSV, XLSX and digests; with a
 * label (one segment's panel), by report, label and period.
 */
export function exportFileName(
  report: ExportReport,
  period: { from: string; to: string },
  format: string,
  label?: string,
): string {
  const slug = (label ?? '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `resonance-${report}${slug ? `-${slug}` : ''}-${period.from}-to-${period.to}.${format}`;
}

/** The notes every export carries: what the numbers mean and what was asked. */
export function exportNotes(meta: AnalyticsMeta, extra: { label: string; value: string }[] = []): ExportTable['notes'] {
  const q = meta.query;
  const filters = Object.entries(q.filters)
    .filter(([, v]) => Array.isArray(v) && v.length > 0)
    .map(([k, v]) => `${k} = ${(v as string[]).join(' or ')}`);
  return [
    { label: 'Generated at', value: meta.generatedAt },
    { label: 'Period', value: `${q.from} to ${q.to} (${q.tz})` },
    ...(q.comparisonPeriod
      ? [{ label: 'Compared with', value: `${q.comparisonPeriod.from} to ${q.comparisonPeriod.to}` }]
      : []),
    { label: 'Campaign', value: q.campaign ? `${q.campaign.name} (${q.campaign.key})` : 'All campaigns' },
    { label: 'Segment', value: q.segment ? q.segment.name : 'None' },
    { label: 'Filters', value: filters.length > 0 ? filters.join('; ') : 'None' },
    { label: 'Suppression', value: `${meta.suppression.label}: ${meta.suppression.note}` },
    { label: 'Reach', value: meta.reach.note + (meta.reach.notDerivable ? ` ${meta.reach.notDerivable}` : '') },
    {
      label: 'Rates',
      value:
        'Rates and shares are percentages (3.4 = 3.4 %); a change in a rate is in percentage points (1.2 = 1.2 points); a relative change is a percentage. Each header names its unit.',
    },
    ...ANALYTICS_METRIC_IDS.map((id) => ({
      label: meta.definitions[id]?.label ?? id,
      value: meta.definitions[id]?.description ?? '',
    })),
    ...(meta.costDefinitions
      ? [
          {
            label: 'Spend and cost',
            value:
              'Money is never added across currencies: each currency has its own columns or rows. Spend is exact; ' +
              'a cost divides it by a published count of the rows that carry spend and is hidden when that count is.',
          },
          ...COST_FIGURES.map(({ id }) => ({
            label: meta.costDefinitions?.[id].label ?? id,
            value: meta.costDefinitions?.[id].description ?? '',
          })),
        ]
      : []),
    ...(meta.reportedPeriods ? [{ label: 'Lifetime and multi-day figures', value: meta.reportedPeriods.note }] : []),
    ...meta.notes.map((n) => ({ label: 'Note', value: n })),
    ...extra,
  ];
}

/** Spend and the cost metrics, in the order exports list them. */
const COST_FIGURES = [
  { id: 'spend', label: 'Spend' },
  { id: 'cpm', label: 'CPM' },
  { id: 'costPerClick', label: 'Cost per click' },
  { id: 'costPerEngagement', label: 'Cost per engagement' },
  { id: 'costPerResourceClick', label: 'Cost per resource click' },
] as const;

/** Currencies of several spend lists, in code order. */
function currenciesOf(lists: readonly (readonly SpendFigures[])[]): string[] {
  return [...new Set(lists.flatMap((list) => list.map((s) => s.currency)))].sort();
}

/** The metrics a screen shows (`metric=`), or every metric when it names none. */
function metricsOrAll(metrics: readonly AnalyticsMetricId[] | undefined): readonly AnalyticsMetricId[] {
  return metrics && metrics.length > 0 ? metrics : ANALYTICS_METRIC_IDS;
}

/**
 * One row per metric (with `metrics`, those only); a rate's row is in % and its change in percentage
 * points, as its label says.
 */
export function summaryTable(res: SummaryResponse, metrics?: readonly AnalyticsMetricId[]): ExportTable {
  const rows = metricsOrAll(metrics).map((id) => {
    const rate = RATE_METRICS.has(id);
    const value = (cell: ExportCell | undefined) => (rate ? asPercent(cell) : (cell ?? null));
    return {
      metric: rate ? `${metricLabel(res.meta, id)} (%; change in percentage points)` : metricLabel(res.meta, id),
      current: value(res.current[id]),
      comparison: res.comparison ? value(res.comparison[id]) : null,
      deltaAbsolute: res.deltas ? value(res.deltas[id].absolute) : null,
      deltaRelative: res.deltas ? asPercent(res.deltas[id].relative) : null,
    };
  });
  // One row per cost figure and currency, the currency in its label: money in different currencies is never added up.
  for (const figures of res.spend ?? []) {
    for (const { id, label } of COST_FIGURES) {
      rows.push({
        metric: `${res.meta.costDefinitions?.[id].label ?? label} (${figures.currency})`,
        current: figures[id],
        comparison: null,
        deltaAbsolute: null,
        deltaRelative: null,
      });
    }
  }
  return {
    title: 'Summary',
    columns: [
      { key: 'metric', header: 'Metric', kind: 'text' },
      { key: 'current', header: 'This period', kind: 'mixed' },
      ...(res.comparison
        ? ([
            { key: 'comparison', header: 'Previous period', kind: 'mixed' },
            { key: 'deltaAbsolute', header: 'Change', kind: 'mixed' },
            { key: 'deltaRelative', header: 'Change (%)', kind: 'percent' },
          ] as ExportColumn[])
        : []),
    ],
    rows,
    notes: exportNotes(res.meta),
    suppressedLabel: res.meta.suppression.label,
    period: { from: res.meta.query.from, to: res.meta.query.to },
  };
}

/**
 * One row per bucket: the period, each metric (with `metrics`, the screen's only), then the compared
 * period's bucket and the same metrics (previous period or a year earlier, as the query asked).
 */
export function timeseriesTable(res: TimeseriesResponse, metrics?: readonly AnalyticsMetricId[]): ExportTable {
  const ids = metricsOrAll(metrics);
  const rows = res.current.map((b, i) => ({
    bucket: b.bucket,
    ...metricCells(b.metrics, '', ids),
    ...(res.comparison?.[i]
      ? { comparisonBucket: res.comparison[i].bucket, ...metricCells(res.comparison[i].metrics, 'prev_', ids) }
      : {}),
  }));
  return {
    title: `Time series by ${res.granularity}`,
    columns: [
      { key: 'bucket', header: `Period (${res.granularity})`, kind: 'text' },
      ...metricColumns(res.meta, '', '', ids),
      ...(res.comparison
        ? [
            { key: 'comparisonBucket', header: `Comparison period (${res.granularity})`, kind: 'text' as const },
            ...metricColumns(res.meta, 'prev_', ', comparison period', ids),
          ]
        : []),
    ],
    rows,
    notes: exportNotes(res.meta),
    suppressedLabel: res.meta.suppression.label,
    period: { from: res.meta.query.from, to: res.meta.query.to },
  };
}

/**
 * A breakdown: one row per dimension value and a de-duplicated total row. Without `metrics`, every
 * metric and the share of impressions; with them, the screen's metrics and the shares it lists
 * (`shares`: impressions, engagements or reach), and changes of those metrics when compared.
 */
export function breakdownTable(
  res: BreakdownResponse,
  options: { metrics?: readonly AnalyticsMetricId[]; shares?: readonly ShareMetric[] } = {},
): ExportTable {
  const ids = metricsOrAll(options.metrics);
  const shares: readonly ShareMetric[] = options.metrics?.length ? (options.shares ?? []) : ['impressions'];
  const rows: Record<string, ExportCell>[] = res.rows.map((row) => {
    const dims: Record<string, ExportCell> = {};
    for (const part of row.key) dims[`dim_${part.dimension}`] = part.label;
    const shareCells: Record<string, ExportCell> = {};
    for (const id of shares) shareCells[`share_${id}`] = asPercent(row.shareOfTotal[id]);
    return {
      ...dims,
      ...metricCells(row.current, '', ids),
      ...shareCells,
      ...(row.deltas ? deltaCells(row.deltas, 'd_', ids) : {}),
    };
  });
  const totalDims: Record<string, ExportCell> = {};
  res.by.forEach((dim, i) => (totalDims[`dim_${dim}`] = i === 0 ? 'Total (de-duplicated)' : ''));
  const totalShares: Record<string, ExportCell> = {};
  for (const id of shares) totalShares[`share_${id}`] = 100;
  rows.push({
    ...totalDims,
    ...metricCells(res.total.current, '', ids),
    ...totalShares,
    ...(res.total.deltas ? deltaCells(res.total.deltas, 'd_', ids) : {}),
  });
  const hasDeltas = res.total.deltas !== undefined;
  return {
    title: `Breakdown by ${res.by.join(' × ')}`,
    columns: [
      ...res.by.map((dim) => ({
        key: `dim_${dim}`,
        header: BREAKDOWN_DIMENSION_LABELS[dim] ?? dim,
        kind: 'text' as const,
      })),
      ...metricColumns(res.meta, '', '', ids),
      ...shares.map((id): ExportColumn => ({
        key: `share_${id}`,
        header: `Share of ${metricLabel(res.meta, id).toLowerCase()} (%)`,
        kind: 'percent',
      })),
      ...(hasDeltas ? deltaColumns(res.meta, 'd_', ids) : []),
    ],
    rows,
    notes: exportNotes(res.meta, [{ label: 'Reach in the total row', value: res.reachNote }]),
    suppressedLabel: res.meta.suppression.label,
    period: { from: res.meta.query.from, to: res.meta.query.to },
  };
}

/** "age 18-24 or 25-34 · platform tiktok", as the segment list shows a rule; "everyone" when empty. */
export function describeRules(rules: SegmentRules): string {
  const parts = Object.entries(rules)
    .filter((entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].length > 0)
    .map(([dimension, values]) => `${RULE_DIMENSION_NAMES[dimension] ?? dimension} ${values.join(' or ')}`);
  return parts.length > 0 ? parts.join(' · ') : 'everyone';
}

const RULE_DIMENSION_NAMES: Record<string, string> = {
  ageBand: 'age',
  gender: 'gender',
  region: 'region',
  language: 'language',
  platform: 'platform',
};

/**
 * The segment report. With `metrics`, the screen's metrics only (segment, rule, and per metric this
 * period, previous period, change, change %); without, every metric.
 */
export function segmentsTable(res: SegmentReportResponse, metrics?: readonly AnalyticsMetricId[]): ExportTable {
  const ids = metricsOrAll(metrics);
  const currencies = currenciesOf(res.rows.map((row) => row.spend ?? []));
  return {
    title: metrics ? `Segment report: ${ids.map((id) => metricLabel(res.meta, id)).join(', ')}` : 'Segment report',
    columns: [
      { key: 'segment', header: 'Segment', kind: 'text' },
      { key: 'rules', header: 'Rule', kind: 'text' },
      ...metricColumns(res.meta, '', ', this period', ids),
      ...currencies.flatMap((currency) =>
        COST_FIGURES.map(({ id, label }) => ({
          key: `${id}_${currency}`,
          header: `${res.meta.costDefinitions?.[id].label ?? label} (${currency}), this period`,
          kind: 'money' as const,
        })),
      ),
      ...metricColumns(res.meta, 'prev_', ', previous period', ids),
      ...deltaColumns(res.meta, 'd_', ids),
    ],
    rows: res.rows.map((row) => {
      const money: Record<string, ExportCell> = {};
      for (const currency of currencies) {
        const figures = (row.spend ?? []).find((s) => s.currency === currency);
        for (const { id } of COST_FIGURES) money[`${id}_${currency}`] = figures ? figures[id] : null;
      }
      return {
        segment: row.segment.name,
        rules: describeRules(row.segment.rules),
        ...metricCells(row.current, '', ids),
        ...money,
        ...metricCells(row.comparison, 'prev_', ids),
        ...deltaCells(row.deltas, 'd_', ids),
      };
    }),
    notes: exportNotes(res.meta, [{ label: 'Segments', value: res.note }]),
    suppressedLabel: res.meta.suppression.label,
    period: { from: res.meta.query.from, to: res.meta.query.to },
  };
}

/** A verdict as the dashboard words it ("Clearly behind"). */
const VERDICT_WORDS: Record<CreativeVerdict, string> = {
  leader: 'Leader',
  'no clear difference': 'No clear difference',
  'clearly behind': 'Clearly behind',
  'not enough data': 'Not enough data',
};

/** The creative × segment matrix with the screen's columns (the interval as its two bounds). */
export function creativesTable(res: CreativeMatrixResponse): ExportTable {
  const creatives = new Map(res.creatives.map((c) => [c.id, c]));
  const segments = new Map(res.segments.map((s) => [s.segment.id, s.segment]));
  return {
    title: 'Creatives by segment',
    columns: [
      { key: 'segment', header: 'Segment', kind: 'text' },
      { key: 'creative', header: 'Creative', kind: 'text' },
      { key: 'platform', header: 'Platform', kind: 'text' },
      { key: 'impressions', header: 'Impressions', kind: 'count' },
      { key: 'engagements', header: 'Engagements', kind: 'count' },
      { key: 'engagementRate', header: 'Engagement rate (%)', kind: 'percent' },
      { key: 'lower', header: 'Engagement rate 95% low (%)', kind: 'percent' },
      { key: 'upper', header: 'Engagement rate 95% high (%)', kind: 'percent' },
      { key: 'lift', header: 'Lift vs segment average (%)', kind: 'percent' },
      { key: 'probabilityToBeBest', header: 'Chance of being best (%)', kind: 'percent' },
      { key: 'pValue', header: 'p-value vs leader (Holm)', kind: 'decimal' },
      { key: 'verdict', header: 'Verdict', kind: 'text' },
    ],
    rows: res.cells.map((cell) => {
      const creative = creatives.get(cell.creativeId);
      const interval = cell.interval;
      const hidden = interval !== null && 'suppressed' in interval;
      return {
        segment: segments.get(cell.segmentId)?.name ?? cell.segmentId,
        creative: creative?.name ?? cell.creativeId,
        platform: creative ? valueLabel('platform', creative.platform) : null,
        impressions: cell.impressions,
        engagements: cell.engagements,
        engagementRate: asPercent(cell.engagementRate),
        lower: interval === null ? null : hidden ? { suppressed: true } : asPercent(interval.lower),
        upper: interval === null ? null : hidden ? { suppressed: true } : asPercent(interval.upper),
        lift: asPercent(cell.lift),
        probabilityToBeBest: asPercent(cell.probabilityToBeBest),
        pValue: asDecimal(cell.pValue),
        verdict: VERDICT_WORDS[cell.verdict] ?? cell.verdict,
      };
    }),
    notes: exportNotes(res.meta, [{ label: 'Method', value: res.method.description }]),
    suppressedLabel: res.meta.suppression.label,
    period: { from: res.meta.query.from, to: res.meta.query.to },
  };
}

/** Money as the screen shows it: to the cent (a hidden cost stays hidden, a missing one empty). */
function asMoney(cell: ExportCell | undefined): ExportCell {
  return typeof cell === 'number' ? round(cell, 2) : (cell ?? null);
}

/** "2026-05-01", or "2026-05-01 to 2026-05-07": the window a platform's figure covers. */
function periodText(start: string, end: string): string {
  return start === end ? start : `${start} to ${end}`;
}

/** "18–24 · Female", or "Everyone" when the platform gave no audience breakdown. */
function audienceText(cell: { ageBand?: string | null; gender?: string | null; region?: string | null }): string {
  const parts = [
    cell.ageBand ? (AGE_BAND_LABELS[cell.ageBand as AgeBand] ?? cell.ageBand) : null,
    cell.gender ? (GENDER_LABELS[cell.gender] ?? cell.gender) : null,
    cell.region ?? null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : 'Everyone';
}

const PLATFORM_REACH_NOTE =
  "Each figure is the platform's own, at the grain it reported (per post, or per day, ad and audience cell). " +
  "They are never added together or to Resonance's reach, which counts distinct people in your own data once.";

/**
 * Reach as the platforms reported it (the overview's card): one row per reported figure, in the
 * summary's order, creatives named as the screen names them (from the creative breakdown).
 */
export function platformReachTable(res: SummaryResponse, creativeNames: ReadonlyMap<string, string>): ExportTable {
  const reported = res.meta.reach.platformReported;
  const omitted = res.meta.reach.platformReportedOmitted ?? 0;
  return {
    title: 'Reach as the platforms reported it',
    columns: [
      { key: 'platform', header: 'Platform', kind: 'text' },
      { key: 'creative', header: 'Creative or post', kind: 'text' },
      { key: 'period', header: 'Period', kind: 'text' },
      { key: 'audience', header: 'Audience', kind: 'text' },
      { key: 'grain', header: 'Reported', kind: 'text' },
      { key: 'reach', header: "Platform's reach", kind: 'count' },
    ],
    rows: reported.map((r) => ({
      platform: valueLabel('platform', r.platform),
      creative: r.creativeId ? (creativeNames.get(r.creativeId) ?? 'A creative') : 'Whole campaign',
      period: periodText(r.periodStart, r.periodEnd),
      audience: audienceText(r),
      grain: describeReportedGrain(r.grain),
      reach: r.reach,
    })),
    notes: exportNotes(res.meta, [
      { label: "Platforms' reach", value: PLATFORM_REACH_NOTE },
      ...(omitted > 0
        ? [
            {
              label: 'Not listed',
              value: `The first ${reported.length} figures are listed, in period order; ${omitted} more are not.`,
            },
          ]
        : []),
    ]),
    suppressedLabel: res.meta.suppression.label,
    period: { from: res.meta.query.from, to: res.meta.query.to },
  };
}

/**
 * Per-post (lifetime) and multi-day figures (the overview's posts card): each at the period it
 * covers, whether the range's totals include it, and the engagement rate with its interval's bounds.
 */
export function postsTable(res: ReportedPeriodsResponse): ExportTable {
  return {
    title: 'Posts and multi-day figures',
    columns: [
      { key: 'name', header: 'Post or creative', kind: 'text' },
      { key: 'platform', header: 'Platform', kind: 'text' },
      { key: 'period', header: 'Period covered', kind: 'text' },
      { key: 'grain', header: 'Reported', kind: 'text' },
      { key: 'included', header: 'In the totals', kind: 'text' },
      { key: 'impressions', header: 'Impressions', kind: 'count' },
      { key: 'engagements', header: 'Engagements', kind: 'count' },
      { key: 'engagementRate', header: 'Engagement rate (%)', kind: 'percent' },
      { key: 'lower', header: 'Engagement rate 95% low (%)', kind: 'percent' },
      { key: 'upper', header: 'Engagement rate 95% high (%)', kind: 'percent' },
      { key: 'platformReach', header: "Platform's reach", kind: 'count' },
    ],
    rows: res.rows.map((r) => {
      const interval = r.interval;
      const hidden = interval !== null && 'suppressed' in interval;
      return {
        name: r.creativeName ?? 'Whole campaign',
        platform: valueLabel('platform', r.platform),
        period: periodText(r.periodStart, r.periodEnd),
        grain: describeReportedGrain(r.grain),
        included: r.included ? 'Yes' : 'No: straddles the range',
        impressions: r.impressions,
        engagements: r.engagements,
        engagementRate: asPercent(r.engagementRate),
        lower: interval === null ? null : hidden ? { suppressed: true } : asPercent(interval.lower),
        upper: interval === null ? null : hidden ? { suppressed: true } : asPercent(interval.upper),
        platformReach: r.platformReach,
      };
    }),
    notes: exportNotes(res.meta, [
      { label: 'Posts and multi-day figures', value: res.note },
      { label: "Platform's reach", value: 'Empty where the platform reported no reach for that post and period.' },
      ...(res.omitted > 0
        ? [{ label: 'Not listed', value: `${res.omitted} more are not listed: narrow the period or pick a campaign.` }]
        : []),
    ]),
    suppressedLabel: res.meta.suppression.label,
    period: { from: res.meta.query.from, to: res.meta.query.to },
  };
}

/**
 * The money columns of a spend table: each figure once per currency, the currency in its header; a
 * row fills only its own currency's columns, so no column and no cell holds two currencies.
 */
function moneyColumns(
  meta: AnalyticsMeta,
  currencies: readonly string[],
  ids: readonly (typeof COST_FIGURES)[number]['id'][],
): ExportColumn[] {
  return ids.flatMap((id) =>
    currencies.map((currency) => ({
      key: `${id}_${currency}`,
      header: `${meta.costDefinitions?.[id].label ?? COST_FIGURES.find((f) => f.id === id)?.label ?? id} (${currency})`,
      kind: 'money' as const,
    })),
  );
}

function moneyCells(figures: SpendFigures, currencies: readonly string[]): Record<string, ExportCell> {
  const out: Record<string, ExportCell> = {};
  for (const currency of currencies) {
    for (const { id } of COST_FIGURES) {
      out[`${id}_${currency}`] = currency === figures.currency ? asMoney(figures[id]) : null;
    }
  }
  return out;
}

const COSTS_ONLY = ['cpm', 'costPerClick', 'costPerEngagement', 'costPerResourceClick'] as const;

/** Spend and cost (the overview's card): one row per currency, as the screen lists them. */
export function spendTable(res: SummaryResponse): ExportTable {
  const spend = res.spend ?? [];
  const currencies = currenciesOf([spend]);
  return {
    title: 'Spend and cost',
    columns: [
      { key: 'currency', header: 'Currency', kind: 'text' },
      ...moneyColumns(res.meta, currencies, ['spend']),
      { key: 'impressions', header: 'Impressions', kind: 'count' },
      ...moneyColumns(res.meta, currencies, COSTS_ONLY),
    ],
    rows: spend.map((figures) => ({
      currency: figures.currency,
      impressions: figures.impressions,
      ...moneyCells(figures, currencies),
    })),
    notes: exportNotes(res.meta, [
      {
        label: 'Source',
        value:
          'From the platform exports that carry spend (Meta "Amount spent", TikTok "Cost"). Impressions are those of the rows that carry spend.',
      },
    ]),
    suppressedLabel: res.meta.suppression.label,
    period: { from: res.meta.query.from, to: res.meta.query.to },
  };
}

/** Spend and cost by segment (the segment page's card): one row per segment and currency. */
export function segmentSpendTable(res: SegmentReportResponse): ExportTable {
  const currencies = currenciesOf(res.rows.map((row) => row.spend ?? []));
  return {
    title: 'Spend and cost by segment',
    columns: [
      { key: 'segment', header: 'Segment', kind: 'text' },
      { key: 'rules', header: 'Rule', kind: 'text' },
      { key: 'currency', header: 'Currency', kind: 'text' },
      ...moneyColumns(res.meta, currencies, ['spend', ...COSTS_ONLY]),
    ],
    rows: res.rows.flatMap((row) =>
      (row.spend ?? []).map((figures) => ({
        segment: row.segment.name,
        rules: describeRules(row.segment.rules),
        currency: figures.currency,
        ...moneyCells(figures, currencies),
      })),
    ),
    notes: exportNotes(res.meta, [
      {
        label: 'Source',
        value:
          "Spend from the platform exports' rows that match each segment's rules (posts reported without an age or gender breakdown count only under Everyone).",
      },
      { label: 'Segments', value: res.note },
    ]),
    suppressedLabel: res.meta.suppression.label,
    period: { from: res.meta.query.from, to: res.meta.query.to },
  };
}

/** The rate a panel sorts by: hidden or missing rates last, as on screen. */
function sortRate(cell: CreativeMatrixCell): number {
  return typeof cell.engagementRate === 'number' ? cell.engagementRate : -1;
}

/**
 * One segment's panel on the compare page: its creatives best rate first (as the screen sorts them),
 * each with its rate, interval bounds, impressions, chance of being best and verdict, from the same
 * matrix as the page (so the same Holm correction over every segment compared).
 */
export function compareTable(res: CreativeMatrixResponse, segmentId: string): ExportTable {
  const summary = res.segments.find((s) => s.segment.id === segmentId);
  const segment = summary?.segment ?? { id: segmentId, name: segmentId, isPreset: false };
  const creatives = new Map(res.creatives.map((c) => [c.id, c]));
  const name = (cell: CreativeMatrixCell) => creatives.get(cell.creativeId)?.name ?? cell.creativeId;
  const cells = res.cells
    .filter((c) => c.segmentId === segmentId)
    .sort((a, b) => sortRate(b) - sortRate(a) || name(a).localeCompare(name(b)));
  const average = summary?.engagementRate;
  return {
    title: `Creatives for ${segment.name}`,
    columns: [
      { key: 'creative', header: 'Creative', kind: 'text' },
      { key: 'engagementRate', header: 'Engagement rate (%)', kind: 'percent' },
      { key: 'lower', header: 'Engagement rate 95% low (%)', kind: 'percent' },
      { key: 'upper', header: 'Engagement rate 95% high (%)', kind: 'percent' },
      { key: 'impressions', header: 'Impressions', kind: 'count' },
      { key: 'probabilityToBeBest', header: 'Chance of being best (%)', kind: 'percent' },
      { key: 'verdict', header: 'Verdict', kind: 'text' },
    ],
    rows: cells.map((cell) => {
      const interval = cell.interval;
      const hidden = interval !== null && 'suppressed' in interval;
      return {
        creative: name(cell),
        engagementRate: asPercent(cell.engagementRate),
        lower: interval === null ? null : hidden ? { suppressed: true } : asPercent(interval.lower),
        upper: interval === null ? null : hidden ? { suppressed: true } : asPercent(interval.upper),
        impressions: cell.impressions,
        probabilityToBeBest: asPercent(cell.probabilityToBeBest),
        verdict: VERDICT_WORDS[cell.verdict] ?? cell.verdict,
      };
    }),
    notes: exportNotes(res.meta, [
      { label: 'Segment compared', value: segment.name },
      {
        label: 'Segment average engagement rate',
        value:
          typeof average === 'number'
            ? `${round(average * 100, 2)} %`
            : average === null || average === undefined
              ? 'None (no impressions)'
              : `${res.meta.suppression.label} (hidden)`,
      },
      {
        label: 'Segments on the page',
        value: `${res.segments.map((s) => s.segment.name).join('; ')} (verdicts are corrected for every comparison among them)`,
      },
      { label: 'Method', value: res.method.description },
    ]),
    suppressedLabel: res.meta.suppression.label,
    period: { from: res.meta.query.from, to: res.meta.query.to },
    fileLabel: segment.name,
  };
}

/** Each creative name and the campaigns that have a creative of that name. */
function campaignsByName(res: CreativeMatrixResponse): Map<string, Set<string>> {
  const campaignsOf = new Map<string, Set<string>>();
  for (const c of res.creatives) campaignsOf.set(c.name, (campaignsOf.get(c.name) ?? new Set()).add(c.campaignId));
  return campaignsOf;
}

/** Campaigns whose creatives share a name with another campaign's creative: these get the campaign after the name. */
export function campaignsOfSharedNames(res: CreativeMatrixResponse): string[] {
  const shared = [...campaignsByName(res).values()].filter((ids) => ids.size > 1);
  return [...new Set(shared.flatMap((ids) => [...ids]))];
}

/**
 * As the compare page names creatives: one that shares its name with another campaign's creative
 * ("All campaigns") gets its campaign after the name, so a name never appears twice with two verdicts.
 */
export function withDistinctCreativeNames(
  res: CreativeMatrixResponse,
  campaignNames: ReadonlyMap<string, string>,
): CreativeMatrixResponse {
  const campaignsOf = campaignsByName(res);
  if ([...campaignsOf.values()].every((ids) => ids.size === 1)) return res;
  return {
    ...res,
    creatives: res.creatives.map((c) =>
      (campaignsOf.get(c.name)?.size ?? 0) > 1
        ? { ...c, name: `${c.name} (${campaignNames.get(c.campaignId) ?? `campaign ${c.campaignId.slice(0, 8)}`})` }
        : c,
    ),
  };
}
