import type {
  AnalyticsMeta,
  AnalyticsMetricId,
  BreakdownResponse,
  CreativeMatrixResponse,
  MetricDelta,
  MetricSet,
  SegmentReportResponse,
  SegmentRules,
  SpendFigures,
  SummaryResponse,
  TimeseriesResponse,
} from '@resonance/contracts';
import { ANALYTICS_METRIC_IDS } from '@resonance/contracts';

/** A value as exported: numbers stay numbers, a hidden small count is marked, null is empty. */
export type ExportCell = string | number | null | { suppressed: true };

export interface ExportColumn {
  key: string;
  header: string;
  /**
   * `rate` values are fractions 0–1 (XLSX shows them as percentages); `points` are differences between
   * two rates in percentage points (2.5 = 2.5 points), never shown as a percentage.
   */
  kind: 'text' | 'count' | 'rate' | 'points' | 'money';
}

export interface ExportTable {
  title: string;
  columns: ExportColumn[];
  rows: Record<string, ExportCell>[];
  /** Metric definitions, filters, suppression threshold, generated-at. */
  notes: { label: string; value: string }[];
  /** Text written for a suppressed cell, e.g. "<11". */
  suppressedLabel: string;
}

export const EXPORT_REPORTS = ['summary', 'timeseries', 'breakdown', 'segments', 'creatives'] as const;
export type ExportReport = (typeof EXPORT_REPORTS)[number];

const RATE_METRICS = new Set<AnalyticsMetricId>([
  'engagementRate',
  'clickThroughRate',
  'shareRate',
  'videoCompletionRate',
]);

function metricColumns(meta: AnalyticsMeta, prefix = '', headerSuffix = ''): ExportColumn[] {
  return ANALYTICS_METRIC_IDS.map((id) => ({
    key: `${prefix}${id}`,
    header: `${meta.definitions[id]?.label ?? id}${headerSuffix}`,
    kind: RATE_METRICS.has(id) ? 'rate' : 'count',
  }));
}

function metricCells(set: MetricSet, prefix = ''): Record<string, ExportCell> {
  const out: Record<string, ExportCell> = {};
  for (const id of ANALYTICS_METRIC_IDS) out[`${prefix}${id}`] = set[id];
  return out;
}

/** A change between two rates as percentage points (0.012 → 1.2), kept exact to 6 decimals. */
function toPoints(cell: ExportCell): ExportCell {
  return typeof cell === 'number' ? Math.round(cell * 100 * 1e6) / 1e6 : cell;
}

function deltaCells(deltas: Record<AnalyticsMetricId, MetricDelta>, prefix: string): Record<string, ExportCell> {
  const out: Record<string, ExportCell> = {};
  for (const id of ANALYTICS_METRIC_IDS) {
    const absolute = deltas[id].absolute;
    out[`${prefix}abs_${id}`] = RATE_METRICS.has(id) ? toPoints(absolute) : absolute;
    out[`${prefix}rel_${id}`] = deltas[id].relative;
  }
  return out;
}

function deltaColumns(meta: AnalyticsMeta, prefix: string): ExportColumn[] {
  return ANALYTICS_METRIC_IDS.flatMap((id): ExportColumn[] => {
    const label = meta.definitions[id]?.label ?? id;
    return [
      RATE_METRICS.has(id)
        ? { key: `${prefix}abs_${id}`, header: `${label} Δ (percentage points)`, kind: 'points' }
        : { key: `${prefix}abs_${id}`, header: `${label} Δ`, kind: 'count' },
      { key: `${prefix}rel_${id}`, header: `${label} Δ%`, kind: 'rate' },
    ];
  });
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
        'Rates are fractions from 0 to 1 (0.034 = 3.4 %); a change in a rate (Δ) is in percentage points (1.2 = 1.2 points).',
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

export function summaryTable(res: SummaryResponse): ExportTable {
  const rows = ANALYTICS_METRIC_IDS.map((id) => ({
    metric: res.meta.definitions[id]?.label ?? id,
    current: res.current[id],
    comparison: res.comparison ? res.comparison[id] : null,
    deltaAbsolute: res.deltas ? res.deltas[id].absolute : null,
    deltaRelative: res.deltas ? res.deltas[id].relative : null,
  }));
  // One row per cost figure and currency: money in different currencies is never added up.
  const spend: Record<string, ExportCell>[] = (res.spend ?? []).flatMap((figures) =>
    COST_FIGURES.map(({ id, label }) => ({
      metric: `${res.meta.costDefinitions?.[id].label ?? label} (${figures.currency})`,
      current: figures[id],
      comparison: null,
      deltaAbsolute: null,
      deltaRelative: null,
    })),
  );
  rows.push(...(spend as typeof rows));
  return {
    title: 'Summary',
    columns: [
      { key: 'metric', header: 'Metric', kind: 'text' },
      { key: 'current', header: 'Current period', kind: 'count' },
      ...(res.comparison
        ? ([
            { key: 'comparison', header: 'Previous period', kind: 'count' },
            { key: 'deltaAbsolute', header: 'Δ', kind: 'count' },
            { key: 'deltaRelative', header: 'Δ%', kind: 'rate' },
          ] as ExportColumn[])
        : []),
    ],
    rows,
    notes: exportNotes(res.meta),
    suppressedLabel: res.meta.suppression.label,
  };
}

export function timeseriesTable(res: TimeseriesResponse): ExportTable {
  const rows = res.current.map((b, i) => ({
    bucket: b.bucket,
    ...metricCells(b.metrics),
    ...(res.comparison?.[i]
      ? { comparisonBucket: res.comparison[i].bucket, ...metricCells(res.comparison[i].metrics, 'prev_') }
      : {}),
  }));
  return {
    title: `Time series by ${res.granularity}`,
    columns: [
      { key: 'bucket', header: res.granularity, kind: 'text' },
      ...metricColumns(res.meta),
      ...(res.comparison
        ? [
            { key: 'comparisonBucket', header: `previous ${res.granularity}`, kind: 'text' as const },
            ...metricColumns(res.meta, 'prev_', ' (previous)'),
          ]
        : []),
    ],
    rows,
    notes: exportNotes(res.meta),
    suppressedLabel: res.meta.suppression.label,
  };
}

export function breakdownTable(res: BreakdownResponse): ExportTable {
  const rows: Record<string, ExportCell>[] = res.rows.map((row) => {
    const dims: Record<string, ExportCell> = {};
    for (const part of row.key) dims[`dim_${part.dimension}`] = part.label;
    return {
      ...dims,
      ...metricCells(row.current),
      shareImpressions: row.shareOfTotal.impressions,
      ...(row.deltas ? deltaCells(row.deltas, 'd_') : {}),
    };
  });
  const totalDims: Record<string, ExportCell> = {};
  res.by.forEach((dim, i) => (totalDims[`dim_${dim}`] = i === 0 ? 'Total (de-duplicated)' : ''));
  rows.push({
    ...totalDims,
    ...metricCells(res.total.current),
    shareImpressions: 1,
    ...(res.total.deltas ? deltaCells(res.total.deltas, 'd_') : {}),
  });
  const hasDeltas = res.total.deltas !== undefined;
  return {
    title: `Breakdown by ${res.by.join(' × ')}`,
    columns: [
      ...res.by.map((dim) => ({ key: `dim_${dim}`, header: dim, kind: 'text' as const })),
      ...metricColumns(res.meta),
      { key: 'shareImpressions', header: 'Share of impressions', kind: 'rate' },
      ...(hasDeltas ? deltaColumns(res.meta, 'd_') : []),
    ],
    rows,
    notes: exportNotes(res.meta, [{ label: 'Reach in the total row', value: res.reachNote }]),
    suppressedLabel: res.meta.suppression.label,
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

export function segmentsTable(res: SegmentReportResponse): ExportTable {
  const currencies = currenciesOf(res.rows.map((row) => row.spend ?? []));
  return {
    title: 'Segment report',
    columns: [
      { key: 'segment', header: 'Segment', kind: 'text' },
      { key: 'rules', header: 'Rule', kind: 'text' },
      ...metricColumns(res.meta),
      ...currencies.flatMap((currency) =>
        COST_FIGURES.map(({ id, label }) => ({
          key: `${id}_${currency}`,
          header: `${res.meta.costDefinitions?.[id].label ?? label} (${currency})`,
          kind: 'money' as const,
        })),
      ),
      ...metricColumns(res.meta, 'prev_', ' (previous)'),
      ...deltaColumns(res.meta, 'd_'),
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
        ...metricCells(row.current),
        ...money,
        ...metricCells(row.comparison, 'prev_'),
        ...deltaCells(row.deltas, 'd_'),
      };
    }),
    notes: exportNotes(res.meta, [{ label: 'Segments', value: res.note }]),
    suppressedLabel: res.meta.suppression.label,
  };
}

export function creativesTable(res: CreativeMatrixResponse): ExportTable {
  const creatives = new Map(res.creatives.map((c) => [c.id, c]));
  const segments = new Map(res.segments.map((s) => [s.segment.id, s.segment]));
  return {
    title: 'Creatives by segment',
    columns: [
      { key: 'segment', header: 'Segment', kind: 'text' },
      { key: 'creative', header: 'Creative', kind: 'text' },
      { key: 'platform', header: 'Platform', kind: 'text' },
      { key: 'format', header: 'Format', kind: 'text' },
      { key: 'impressions', header: 'Impressions', kind: 'count' },
      { key: 'engagements', header: 'Engagements', kind: 'count' },
      { key: 'engagementRate', header: 'Engagement rate', kind: 'rate' },
      { key: 'lower', header: 'Engagement rate 95% low', kind: 'rate' },
      { key: 'upper', header: 'Engagement rate 95% high', kind: 'rate' },
      { key: 'lift', header: 'Lift vs segment average', kind: 'rate' },
      { key: 'probabilityToBeBest', header: 'Probability to be best', kind: 'rate' },
      { key: 'pValue', header: 'p-value vs leader (Holm)', kind: 'rate' },
      { key: 'verdict', header: 'Verdict', kind: 'text' },
    ],
    rows: res.cells.map((cell) => {
      const creative = creatives.get(cell.creativeId);
      const interval = cell.interval;
      const hidden = interval !== null && 'suppressed' in interval;
      return {
        segment: segments.get(cell.segmentId)?.name ?? cell.segmentId,
        creative: creative?.name ?? cell.creativeId,
        platform: creative?.platform ?? null,
        format: creative?.format ?? null,
        impressions: cell.impressions,
        engagements: cell.engagements,
        engagementRate: cell.engagementRate,
        lower: interval === null ? null : hidden ? { suppressed: true } : interval.lower,
        upper: interval === null ? null : hidden ? { suppressed: true } : interval.upper,
        lift: cell.lift,
        probabilityToBeBest: cell.probabilityToBeBest,
        pValue: cell.pValue,
        verdict: cell.verdict,
      };
    }),
    notes: exportNotes(res.meta, [{ label: 'Method', value: res.method.description }]),
    suppressedLabel: res.meta.suppression.label,
  };
}
