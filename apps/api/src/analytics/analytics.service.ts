import { Injectable } from '@nestjs/common';
import {
  ANALYTICS_MAX_HOURLY_SPAN_DAYS,
  AUDIENCE_DIMENSIONS,
  CREATIVE_DIMENSIONS,
  MAX_BREAKDOWNS_PER_REQUEST,
  type AnalyticsQuery,
  type BreakdownDimension,
  type BreakdownQuery,
  type BreakdownResponse,
  type BreakdownsQuery,
  type BreakdownsResponse,
  type BreakdownRow,
  type MetricSet,
  type SummaryResponse,
  type TimeseriesBucket,
  type TimeseriesQuery,
  type TimeseriesResponse,
} from '@resonance/contracts';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AnalyticsError } from './analytics.errors.js';
import {
  AnalyticsReader,
  chooseSource,
  EMPTY_COUNTS,
  newTrace,
  reachUnavailableReason,
  type RawCell,
} from '../warehouse/read/analytics-reader.js';
import { valueLabel } from './engine/labels.js';
import { buildMeta } from './engine/meta.js';
import type { AnalyticsScope, Period } from '../warehouse/read/scope.js';
import { AnalyticsScopeService } from './engine/scope.service.js';
import type { GroupKey } from '../warehouse/read/sql.js';
import {
  emptyDeltas,
  isSuppressed,
  metricDeltas,
  shareOfTotal,
  suppressCells,
  suppressStandalone,
} from './engine/suppression.js';
import { dateBuckets, localMidnight } from './engine/time-axis.js';
import {
  addReported,
  publishSpend,
  reportedPeriodsInfo,
  splitReported,
  type ReportedSplit,
} from './engine/reported.js';
import { readReportedPeriods, readSpend, type RawReportedPeriod } from '../warehouse/read/reported-periods.js';

const BREAKDOWN_DIMENSIONS: readonly BreakdownDimension[] = [...AUDIENCE_DIMENSIONS, ...CREATIVE_DIMENSIONS];
const AGE_ORDER = ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+', '55+', 'unknown'];

export const REACH_ROWS_NOTE =
  "Rows don't add up to the total reach: a person reached in several rows counts once in the total row, " +
  'which is a separate distinct count. Counts (impressions, engagements, …) do add up.';

/** Summary, timeseries and breakdown: rollups only, suppressed in engine/suppression.ts. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly scopes: AnalyticsScopeService,
    private readonly reader: AnalyticsReader,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async getSummary(params: { orgId: string; query: AnalyticsQuery }): Promise<SummaryResponse> {
    const { scope } = await this.scopes.resolve({ orgId: params.orgId, query: params.query, segmentMode: 'filter' });
    const source = chooseSource({ scope, groupBy: [] });
    const reachReason = reachUnavailableReason({ scope, groupBy: [] });
    const trace = newTrace();
    // Lifetime and multi-day platform figures count when their whole window lies inside the period.
    const read = async (period: Period): Promise<[RawCell, ReportedSplit]> => {
      const [cell, periods] = await Promise.all([
        this.reader.readTotal({ scope, period, source, withReach: reachReason === null, trace }),
        readReportedPeriods(this.dataSource, { scope, period }),
      ]);
      const split = splitReported(periods, scope.conditions);
      return [addReported(cell, split.included), split];
    };
    const [[current, split], comparison, reported, spend] = await Promise.all([
      read(scope.period),
      scope.comparison ? read(scope.comparison) : Promise.resolve(null),
      this.reader.reportedReach({ scope, period: scope.period }),
      readSpend(this.dataSource, { scope, period: scope.period }),
    ]);
    const currentSet = suppressStandalone(current, scope.disclosure);
    const response: SummaryResponse = {
      meta: buildMeta({
        scope,
        source,
        trace,
        reachNotDerivable: reachReason,
        reported,
        reportedPeriods: reportedPeriodsInfo(split, { placed: true }),
        withCost: spend.length > 0,
      }),
      current: currentSet,
      spend: publishSpend(spend, scope.disclosure),
    };
    if (comparison) {
      response.comparison = suppressStandalone(comparison[0], scope.disclosure);
      response.deltas = metricDeltas(currentSet, response.comparison);
    }
    return response;
  }

  async getTimeseries(params: { orgId: string; query: TimeseriesQuery }): Promise<TimeseriesResponse> {
    const granularity = params.query.granularity ?? 'day';
    const { scope } = await this.scopes.resolve({
      orgId: params.orgId,
      query: params.query,
      segmentMode: 'filter',
      ...(granularity === 'hour' ? { maxSpanDays: ANALYTICS_MAX_HOURLY_SPAN_DAYS } : {}),
    });
    const groupBy: GroupKey[] = [granularity];
    const source = chooseSource({ scope, groupBy });
    const reachReason = reachUnavailableReason({ scope, groupBy });
    const withReach = reachReason === null;
    const trace = newTrace();

    const series = async (period: Period): Promise<TimeseriesBucket[]> => {
      const axis =
        granularity === 'hour'
          ? (await this.reader.hourAxis({ tz: scope.tz, period })).map((h) => ({
              key: h.start,
              bucket: h.label,
              start: h.start,
            }))
          : dateBuckets(granularity, period.from, period.to).map((d) => ({
              key: d,
              bucket: d,
              start: localMidnight(d, scope.tz),
            }));
      const { cells, total } = await this.reader.readWithTotal({ scope, period, groupBy, source, withReach, trace });
      const byKey = new Map(cells.map((c) => [c.keys[0] ?? '', c]));
      const filled: RawCell[] = axis.map(
        (a) => byKey.get(a.key) ?? { keys: [a.key], counts: EMPTY_COUNTS, reach: withReach ? 0 : null },
      );
      // The period total is what /summary publishes: buckets are suppressed as its siblings.
      const suppressed = suppressCells({ cells: filled, total, policy: scope.disclosure });
      return axis.map((a, i) => ({ bucket: a.bucket, start: a.start, metrics: suppressed.cells[i] as MetricSet }));
    };

    const [current, comparison, reported, periods] = await Promise.all([
      series(scope.period),
      scope.comparison ? series(scope.comparison) : Promise.resolve(null),
      this.reader.reportedReach({ scope, period: scope.period }),
      readReportedPeriods(this.dataSource, { scope, period: scope.period }),
    ]);
    // A post's lifetime figures cannot be put on a day (or hour) without inventing how they divide.
    const reportedInfo = reportedPeriodsInfo(splitReported(periods, scope.conditions), { placed: false });
    const notes = [
      'comparison[i] is aligned with current[i] by position (the same offset from the start of each period).',
      ...(granularity === 'week'
        ? ['Weeks start on Monday; the first and last week may be partial (clipped to from…to).']
        : []),
      ...(granularity === 'month' ? ['The first and last month may be partial (clipped to from…to).'] : []),
      ...(granularity === 'hour'
        ? ['Hour buckets are UTC hours labelled in local time; their start is the exact instant.']
        : []),
    ];
    const response: TimeseriesResponse = {
      meta: buildMeta({
        scope,
        source,
        trace,
        reachNotDerivable: reachReason,
        reported,
        notes,
        reportedPeriods: reportedInfo,
      }),
      granularity,
      current,
    };
    if (comparison) {
      response.comparison = comparison;
      response.deltas = current.map((bucket, i) => {
        const other = comparison[i];
        return other ? metricDeltas(bucket.metrics, other.metrics) : emptyDeltas();
      });
    }
    return response;
  }

  /**
   * Several one-dimension breakdowns of one query (a page's cards side by side), each exactly what
   * getBreakdown answers for that dimension: one request instead of one per card.
   */
  async getBreakdowns(params: { orgId: string; query: BreakdownsQuery }): Promise<BreakdownsResponse> {
    const { each, ...query } = params.query;
    const dimensions = [...new Set(each.split(',').map((p) => p.trim()))].filter((p) => p.length > 0);
    if (dimensions.length < 1 || dimensions.length > MAX_BREAKDOWNS_PER_REQUEST) {
      throw new AnalyticsError(
        'unknown_dimension',
        `each must name 1 to ${MAX_BREAKDOWNS_PER_REQUEST} dimensions; got ${dimensions.length}`,
        { field: 'each', limit: MAX_BREAKDOWNS_PER_REQUEST },
      );
    }
    for (const by of dimensions) parseBy(by, 'each');
    const items = await Promise.all(
      dimensions.map((by) => this.getBreakdown({ orgId: params.orgId, query: { ...query, by } })),
    );
    return { items };
  }

  async getBreakdown(params: { orgId: string; query: BreakdownQuery }): Promise<BreakdownResponse> {
    const by = parseBy(params.query.by);
    const { scope } = await this.scopes.resolve({ orgId: params.orgId, query: params.query, segmentMode: 'filter' });
    const source = chooseSource({ scope, groupBy: by });
    const reachReason = reachUnavailableReason({ scope, groupBy: by });
    const withReach = reachReason === null;
    const trace = newTrace();
    // Lifetime and multi-day platform figures go into rows keyed by what they were reported for
    // (creative, format, platform); a breakdown by audience cannot place a post with no audience breakdown.
    const placeable = by.every((d) => (REPORTED_BREAKDOWN_KEYS as readonly string[]).includes(d));
    let split: ReportedSplit | null = null;
    const read = async (period: Period, first: boolean): Promise<[RawCell[], RawCell]> => {
      const [{ cells: rows, total }, periods] = await Promise.all([
        this.reader.readWithTotal({ scope, period, groupBy: by, source, withReach, trace }),
        readReportedPeriods(this.dataSource, { scope, period }),
      ]);
      const periodSplit = splitReported(periods, scope.conditions);
      if (first) split = periodSplit;
      if (!placeable) return [rows, total];
      return addReportedToRows(rows, total, periodSplit.included, by, withReach);
    };
    const [[cells, total], comparison, reported] = await Promise.all([
      read(scope.period, true),
      scope.comparison ? read(scope.comparison, false) : Promise.resolve(null),
      this.reader.reportedReach({ scope, period: scope.period }),
    ]);

    // Rows: every key seen in either period (zero-filled), so both periods suppress over the same siblings.
    const keys = new Map<string, string[]>();
    for (const c of [...cells, ...(comparison?.[0] ?? [])]) keys.set(JSON.stringify(c.keys), c.keys);
    // In one canonical order: which sibling complementary suppression hides may depend on the order, and it
    // must not depend on the store that answered (the cube or the rollups return groups in different orders).
    const rowKeys = [...keys.entries()].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, k]) => k);
    const grid = by.length === 2 ? gridPositions(rowKeys) : undefined;
    const fill = (source: RawCell[]): RawCell[] => {
      const map = new Map(source.map((c) => [JSON.stringify(c.keys), c]));
      return rowKeys.map(
        (k) => map.get(JSON.stringify(k)) ?? { keys: k, counts: EMPTY_COUNTS, reach: withReach ? 0 : null },
      );
    };
    const cur = suppressCells({ cells: fill(cells), total, policy: scope.disclosure, ...(grid ? { grid } : {}) });
    const prev = comparison
      ? suppressCells({
          cells: fill(comparison[0]),
          total: comparison[1],
          policy: scope.disclosure,
          ...(grid ? { grid } : {}),
        })
      : null;
    const curTotal = cur.total as MetricSet;
    const names = await this.creativeNames(scope, by, rowKeys);

    const rows: BreakdownRow[] = rowKeys.map((k, i) => {
      const current = cur.cells[i] as MetricSet;
      const row: BreakdownRow = {
        key: by.map((dimension, d) => ({
          dimension,
          value: k[d] ?? '',
          label: valueLabel(dimension, k[d] ?? '', names),
        })),
        current,
        shareOfTotal: shareOfTotal(current, curTotal),
      };
      if (prev) {
        row.comparison = prev.cells[i] as MetricSet;
        row.deltas = metricDeltas(current, row.comparison);
      }
      return row;
    });
    rows.sort(compareRows);

    const totalRow: BreakdownResponse['total'] = { current: curTotal };
    if (prev?.total) {
      totalRow.comparison = prev.total;
      totalRow.deltas = metricDeltas(curTotal, prev.total);
    }
    const reportedInfo = split ? reportedPeriodsInfo(split, { placed: placeable }) : undefined;
    return {
      meta: buildMeta({
        scope,
        source,
        trace,
        reachNotDerivable: reachReason,
        reported,
        reportedPeriods: reportedInfo,
      }),
      by,
      rows,
      total: totalRow,
      reachNote: REACH_ROWS_NOTE,
    };
  }

  private async creativeNames(
    scope: AnalyticsScope,
    by: readonly BreakdownDimension[],
    keys: string[][],
  ): Promise<Map<string, string>> {
    const d = by.indexOf('creative');
    if (d < 0) return new Map();
    const ids = [...new Set(keys.map((k) => k[d] ?? ''))];
    const rows = await this.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id::text AS id, name FROM creatives WHERE org_id = $1 AND id = ANY($2::uuid[])`,
      [scope.orgId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}

/** Breakdown dimensions a reported period has a value for. */
const REPORTED_BREAKDOWN_KEYS = ['creative', 'format', 'platform'] as const;

function reportedKey(row: RawReportedPeriod, dimension: BreakdownDimension): string | null {
  if (dimension === 'creative') return row.creative_id;
  if (dimension === 'format') return row.creative_format;
  if (dimension === 'platform') return row.platform;
  return null;
}

/** Rows (and their total) with the included reported periods' counts added to the row each belongs to. */
function addReportedToRows(
  rows: RawCell[],
  total: RawCell,
  included: readonly RawReportedPeriod[],
  by: readonly BreakdownDimension[],
  withReach: boolean,
): [RawCell[], RawCell] {
  if (included.length === 0) return [rows, total];
  const byKey = new Map(rows.map((c) => [JSON.stringify(c.keys), c]));
  const groups = new Map<string, { keys: string[]; periods: RawReportedPeriod[] }>();
  const placed: RawReportedPeriod[] = [];
  for (const row of included) {
    const keys = by.map((d) => reportedKey(row, d));
    if (keys.some((k) => k === null)) continue;
    const id = JSON.stringify(keys);
    const group = groups.get(id) ?? { keys: keys as string[], periods: [] };
    group.periods.push(row);
    groups.set(id, group);
    placed.push(row);
  }
  for (const [id, group] of groups) {
    const cell = byKey.get(id) ?? { keys: group.keys, counts: EMPTY_COUNTS, reach: withReach ? 0 : null };
    byKey.set(id, addReported(cell, group.periods));
  }
  return [[...byKey.values()], addReported(total, placed)];
}

function parseBy(raw: string, field: 'by' | 'each' = 'by'): BreakdownDimension[] {
  const parts = raw
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const unknown = parts.filter((p) => !(BREAKDOWN_DIMENSIONS as readonly string[]).includes(p));
  if (parts.length < 1 || parts.length > 2 || unknown.length > 0 || new Set(parts).size !== parts.length) {
    throw new AnalyticsError(
      'unknown_dimension',
      `${field === 'by' ? 'by must name one or two different dimensions' : 'each must name dimensions'} among ${BREAKDOWN_DIMENSIONS.join(', ')}` +
        (unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : `; got ${raw}`),
      { field, allowed: BREAKDOWN_DIMENSIONS },
    );
  }
  return parts as BreakdownDimension[];
}

function gridPositions(keys: string[][]): { rows: number; columns: number; at: [number, number][] } {
  const first = [...new Set(keys.map((k) => k[0] ?? ''))];
  const second = [...new Set(keys.map((k) => k[1] ?? ''))];
  return {
    rows: first.length,
    columns: second.length,
    at: keys.map((k) => [first.indexOf(k[0] ?? ''), second.indexOf(k[1] ?? '')]),
  };
}

/** Visible impressions first (largest first), hidden ones after, each by label; age bands in age order. */
function compareRows(a: BreakdownRow, b: BreakdownRow): number {
  if (a.key.every((k) => k.dimension === 'ageBand') && a.key.length === 1) {
    return AGE_ORDER.indexOf(a.key[0]?.value ?? '') - AGE_ORDER.indexOf(b.key[0]?.value ?? '');
  }
  const ai = a.current.impressions;
  const bi = b.current.impressions;
  if (isSuppressed(ai) !== isSuppressed(bi)) return isSuppressed(ai) ? 1 : -1;
  if (!isSuppressed(ai) && !isSuppressed(bi) && ai !== bi) return bi - ai;
  const label = (r: BreakdownRow) => r.key.map((k) => k.label).join(' / ');
  return label(a).localeCompare(label(b));
}
