import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { wilsonInterval } from '@resonance/analytics';
import {
  COUNT_METRIC_IDS,
  type AnalyticsQuery,
  type RollupSource,
  type CreativeMatrixCell,
  type CreativeMatrixResponse,
  type CreativeMatrixSegmentSummary,
  type CreativeRef,
} from '@resonance/contracts';
import { DataSource } from 'typeorm';
import {
  AnalyticsReader,
  chooseSource,
  EMPTY_COUNTS,
  newTrace,
  type RawCell,
} from '../warehouse/read/analytics-reader.js';
import {
  ALPHA,
  hasEnoughData,
  judgeView,
  MINIMUM_ENGAGEMENTS,
  MINIMUM_IMPRESSIONS,
  PROBABILITY_TO_BE_BEST_THRESHOLD,
} from './engine/creative-verdicts.js';
import { buildMeta } from './engine/meta.js';
import { addReported, reportedPeriodsInfo, splitReported, withEveryone } from './engine/reported.js';
import { readReportedPeriods, type RawReportedPeriod } from '../warehouse/read/reported-periods.js';
import { rulesToConditions, withConditions, type AnalyticsScope } from '../warehouse/read/scope.js';
import { AnalyticsScopeService } from './engine/scope.service.js';
import { isSuppressed, suppressCells } from './engine/suppression.js';

/** Creative × segment matrix with intervals, probability to be best, Holm-adjusted p-values and verdicts. */
@Injectable()
export class CreativeMatrixService {
  constructor(
    private readonly scopes: AnalyticsScopeService,
    private readonly reader: AnalyticsReader,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async getCreativeMatrix(params: { orgId: string; query: AnalyticsQuery }): Promise<CreativeMatrixResponse> {
    const resolved = await this.scopes.resolve({
      orgId: params.orgId,
      query: params.query,
      segmentMode: 'report',
    });
    const { scope } = resolved;
    // Per-post (lifetime) and multi-day platform figures inside the period count for their creative in
    // every segment whose rules apply at the grain they were reported (posts: segments without audience rules).
    const periods = await readReportedPeriods(this.dataSource, { scope, period: scope.period });
    const reportSegments = withEveryone({
      segments: resolved.reportSegments,
      requested: (params.query.segment ?? []).length > 0,
      periods,
      scopeConditions: scope.conditions,
    });
    const conditions = reportSegments.map((segment) => rulesToConditions(segment.rules));
    const source: RollupSource = chooseSource({
      scope: withConditions(scope, conditions.flat()),
      groupBy: ['creative'],
    });
    const trace = newTrace();
    // Every segment in one scan (FILTER per segment).
    const read = await this.reader.readSegments({
      scope,
      period: scope.period,
      groupBy: ['creative'],
      source,
      withReach: false,
      segments: conditions,
      trace,
    });
    const perSegment = reportSegments.map((segment, i) => {
      const included = splitReported(periods, [...scope.conditions, ...(conditions[i] ?? [])]).included.filter(
        (p) => p.creative_id !== null,
      );
      const byCreative = new Map<string, RawReportedPeriod[]>();
      for (const p of included)
        byCreative.set(p.creative_id ?? '', [...(byCreative.get(p.creative_id ?? '') ?? []), p]);
      const cells = new Map((read[i] ?? []).map((c) => [c.keys[0] ?? '', c]));
      for (const [id, list] of byCreative) {
        cells.set(id, addReported(cells.get(id) ?? { keys: [id], counts: EMPTY_COUNTS, reach: null }, list));
      }
      return { segment, cells: [...cells.values()] };
    });
    const creativeIds = [...new Set(perSegment.flatMap((s) => s.cells.map((c) => c.keys[0] ?? '')))];
    const creatives = await this.creatives(scope, creativeIds);

    const segments: CreativeMatrixSegmentSummary[] = [];
    const cells: CreativeMatrixCell[] = [];
    const arms = perSegment.map(({ segment, cells: raw }) => {
      const byId = new Map(raw.map((c) => [c.keys[0] ?? '', c]));
      const filled: RawCell[] = creatives.map(
        (cr) => byId.get(cr.id) ?? { keys: [cr.id], counts: EMPTY_COUNTS, reach: null },
      );
      // The full count vector of each cell and of the total, so the cell keys (and thus the published
      // figures) are the ones the same records get everywhere else.
      const totalCounts = { ...EMPTY_COUNTS };
      for (const c of filled) for (const id of COUNT_METRIC_IDS) totalCounts[id] += c.counts[id];
      const totalCell: RawCell = { keys: [], counts: totalCounts, reach: null };
      // The creatives of one segment are siblings of the segment total shown beside them.
      const wire = suppressCells({ cells: filled, total: totalCell, policy: scope.disclosure });
      // Statistics use the published counts, so intervals and lifts reveal nothing the counts don't.
      const published = wire.cells.map((w) => ({
        n: typeof w.impressions === 'number' ? w.impressions : 0,
        x: typeof w.engagements === 'number' ? w.engagements : 0,
      }));
      const total = {
        impressions: typeof wire.total?.impressions === 'number' ? wire.total.impressions : 0,
        engagements: typeof wire.total?.engagements === 'number' ? wire.total.engagements : 0,
      };
      return { segment, filled, wire, total, published };
    });

    const judgements = judgeView(
      arms.map(({ filled, wire, published }) =>
        filled.map((_c, i) => {
          const w = wire.cells[i];
          const visible = !!w && !isSuppressed(w.impressions) && !isSuppressed(w.engagements);
          const p = published[i] ?? { n: 0, x: 0 };
          return {
            successes: p.x,
            trials: p.n,
            eligible: visible && hasEnoughData(p.n, p.x, scope.threshold),
          };
        }),
      ),
    );

    arms.forEach(({ segment, filled, wire, total, published }, s) => {
      const average = total.impressions > 0 ? total.engagements / total.impressions : null;
      const totalWire = wire.total;
      let leaderCreativeId: string | null = null;
      filled.forEach((_c, i) => {
        const w = wire.cells[i];
        const judged = judgements[s]?.[i];
        const creative = creatives[i];
        if (!w || !judged || !creative) return;
        const hidden = isSuppressed(w.impressions) || isSuppressed(w.engagements);
        if (judged.isObservedLeader) leaderCreativeId = creative.id;
        const n = published[i]?.n ?? 0;
        const x = Math.min(published[i]?.x ?? 0, n);
        const interval = n > 0 ? wilsonInterval(x, n) : null;
        cells.push({
          creativeId: creative.id,
          segmentId: segment.id,
          impressions: w.impressions,
          engagements: w.engagements,
          engagementRate: w.engagementRate,
          interval: hidden
            ? { suppressed: true }
            : interval && interval.lower !== null
              ? { lower: interval.lower, upper: interval.upper }
              : null,
          lift: hidden
            ? { suppressed: true }
            : average && typeof w.engagementRate === 'number'
              ? w.engagementRate / average - 1
              : null,
          probabilityToBeBest: judged.probabilityToBeBest,
          pValue: judged.pValue,
          rawPValue: judged.rawPValue,
          verdict: judged.verdict,
        });
      });
      segments.push({
        segment: { id: segment.id, name: segment.name, isPreset: segment.isPreset },
        impressions: totalWire?.impressions ?? 0,
        engagements: totalWire?.engagements ?? 0,
        engagementRate: totalWire?.engagementRate ?? null,
        leaderCreativeId,
      });
    });

    const minimumSample = {
      impressions: Math.max(MINIMUM_IMPRESSIONS, scope.threshold),
      engagements: Math.max(MINIMUM_ENGAGEMENTS, scope.threshold),
    };
    const reported = await this.reader.reportedReach({ scope, period: scope.period });
    return {
      meta: buildMeta({
        scope,
        source,
        trace,
        reachNotDerivable: null,
        reported,
        reportedPeriods: reportedPeriodsInfo(splitReported(periods, scope.conditions), { placed: true }),
      }),
      method: {
        interval: 'wilson-95',
        probabilityToBeBest: 'beta-binomial (uniform prior)',
        adjustment: 'holm',
        alpha: ALPHA,
        probabilityToBeBestThreshold: PROBABILITY_TO_BE_BEST_THRESHOLD,
        minimumSample,
        description:
          `Each cell: engagement rate (engagements / impressions) with a 95 % Wilson interval and its lift over the ` +
          `segment's average across the creatives shown. Creatives with at least ${minimumSample.impressions} impressions ` +
          `and ${minimumSample.engagements} engagements in a segment are compared: the highest-rate one is tested against ` +
          `each other with a two-proportion z-test, p-values Holm-adjusted across every comparison on this view. ` +
          `"leader" needs every adjusted p < ${ALPHA} and a probability to be best ≥ ${PROBABILITY_TO_BE_BEST_THRESHOLD}; ` +
          `below the minimum sample (or where a count is suppressed) the verdict is "not enough data".`,
      },
      creatives,
      segments,
      cells,
    };
  }

  private async creatives(scope: AnalyticsScope, ids: string[]): Promise<CreativeRef[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query<CreativeRef[]>(
      `SELECT id::text AS id, key, name, campaign_id::text AS "campaignId", platform, format, theme, partner
         FROM creatives WHERE org_id = $1 AND id = ANY($2::uuid[]) ORDER BY name, key, id`,
      [scope.orgId, ids],
    );
  }
}
