import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  AnalyticsQuery,
  AudienceSizeRequest,
  AudienceSizeResponse,
  SegmentReportResponse,
  SegmentReportRow,
} from '@resonance/contracts';
import { AnalyticsError } from './analytics.errors.js';
import {
  AnalyticsReader,
  chooseSource,
  EMPTY_COUNTS,
  newTrace,
  reachUnavailableReason,
  type RawCell,
} from '../warehouse/read/analytics-reader.js';
import { buildMeta } from './engine/meta.js';
import { addReported, publishSpend, reportedPeriodsInfo, splitReported, withEveryone } from './engine/reported.js';
import { readReportedPeriods, readSpend, type RawReportedPeriod } from '../warehouse/read/reported-periods.js';
import { rulesToConditions, withConditions } from '../warehouse/read/scope.js';
import { AnalyticsScopeService } from './engine/scope.service.js';
import { metricDeltas, suppressionInfo, suppressStandalone } from './engine/suppression.js';
import { addDays, todayIn } from '../common/time/dates.js';
import { previousPeriod } from '../common/time/dates.js';

export const SEGMENT_REPORT_NOTE =
  'Segments may overlap (a person can match several), so rows are not additive and have no total row. ' +
  'Each row compares the period with the previous period of equal length.';

/** The segment report (one row per segment, current vs previous) and the live audience-size preview. */
@Injectable()
export class SegmentReportService {
  constructor(
    private readonly scopes: AnalyticsScopeService,
    private readonly reader: AnalyticsReader,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async getSegmentReport(params: { orgId: string; query: AnalyticsQuery }): Promise<SegmentReportResponse> {
    const resolved = await this.scopes.resolve({ orgId: params.orgId, query: params.query, segmentMode: 'report' });
    // The report always compares with the previous period.
    const scope = {
      ...resolved.scope,
      comparison: resolved.scope.comparison ?? previousPeriod(resolved.scope.period.from, resolved.scope.period.to),
    };
    const comparison = scope.comparison;
    const reachReason = reachUnavailableReason({ scope, groupBy: [] });
    const withReach = reachReason === null;
    // Lifetime and multi-day platform figures count for a segment when their window lies inside the
    // period and they were reported at a grain the segment's rules can apply to.
    const [curPeriods, prevPeriods] = await Promise.all([
      readReportedPeriods(this.dataSource, { scope, period: scope.period }),
      readReportedPeriods(this.dataSource, { scope, period: comparison }),
    ]);
    const segments = withEveryone({
      segments: resolved.reportSegments,
      requested: (params.query.segment ?? []).length > 0,
      periods: curPeriods,
      scopeConditions: scope.conditions,
    });
    const conditions = segments.map((segment) => rulesToConditions(segment.rules));
    const source = chooseSource({ scope: withConditions(scope, conditions.flat()), groupBy: [] });
    const trace = newTrace();
    // All segments in one scan per period (FILTER per segment), reach likewise.
    const [cur, prev] = await Promise.all(
      [scope.period, comparison].map((period) =>
        this.reader.readSegments({ scope, period, groupBy: [], source, withReach, segments: conditions, trace }),
      ),
    );
    const spend = await Promise.all(
      conditions.map((extra) => readSpend(this.dataSource, { scope, period: scope.period, conditions: extra })),
    );
    const everyone = splitReported(curPeriods, scope.conditions);
    const rows = segments.map((segment, i): SegmentReportRow => {
      const empty = { keys: [], counts: EMPTY_COUNTS, reach: withReach ? 0 : null };
      const segmentConditions = [...scope.conditions, ...(conditions[i] ?? [])];
      const withPeriods = (cell: RawCell, periods: readonly RawReportedPeriod[]): RawCell =>
        addReported(cell, splitReported(periods, segmentConditions).included);
      // Segments overlap and have no published total between them: each row stands alone (primary rule).
      const current = suppressStandalone(withPeriods(cur?.[i]?.[0] ?? empty, curPeriods), scope.disclosure);
      const previous = suppressStandalone(withPeriods(prev?.[i]?.[0] ?? empty, prevPeriods), scope.disclosure);
      return {
        segment,
        current,
        comparison: previous,
        deltas: metricDeltas(current, previous),
        spend: publishSpend(spend[i] ?? [], scope.disclosure),
      };
    });
    const reported = await this.reader.reportedReach({ scope, period: scope.period });
    const info = reportedPeriodsInfo(everyone, { placed: true });
    const grainNote =
      info && everyone.included.some((p) => p.age_band === null && p.gender === null && p.region === null)
        ? [
            'Figures reported per post with no audience breakdown count only in segments without age, gender, region ' +
              'or language rules.',
          ]
        : [];
    return {
      meta: buildMeta({
        scope,
        source,
        trace,
        reachNotDerivable: reachReason,
        reported,
        notes: grainNote,
        reportedPeriods: info,
        withCost: spend.some((s) => s.length > 0),
      }),
      rows,
      note: SEGMENT_REPORT_NOTE,
    };
  }

  /** Impressions and reach of a draft rule set (default: the last 90 days in the organisation's zone). */
  async getAudienceSize(params: { orgId: string; request: AudienceSizeRequest }): Promise<AudienceSizeResponse> {
    const { orgId, request } = params;
    const org = await this.reader.organization(orgId);
    const to = request.to ?? todayIn(org.timeZone);
    const from = request.from ?? addDays(to, -89);
    if (from > to) {
      throw new AnalyticsError('invalid_range', `from (${from}) must be on or before to (${to})`, {
        field: 'from',
      });
    }
    const { scope } = await this.scopes.resolve({
      orgId,
      query: { from, to, ...(request.campaign ? { campaign: request.campaign } : {}) },
      segmentMode: 'filter',
    });
    const segScope = withConditions(scope, rulesToConditions(request.rules));
    const source = chooseSource({ scope: segScope, groupBy: [] });
    const trace = newTrace();
    const cell = await this.reader.readTotal({ scope: segScope, period: scope.period, source, withReach: true, trace });
    const set = suppressStandalone(cell, scope.disclosure);
    return {
      impressions: set.impressions,
      reach: set.reach ?? 0,
      reachMethod: trace.reachEstimated ? 'sketch' : 'exact',
      from,
      to,
      suppression: suppressionInfo(scope.threshold),
    };
  }
}
