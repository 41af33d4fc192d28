import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computeMetrics, wilsonInterval } from '@resonance/analytics';
import type {
  AgeBand,
  AnalyticsQuery,
  Gender,
  Platform,
  ReportedPeriodRow,
  ReportedPeriodsResponse,
} from '@resonance/contracts';
import { DataSource } from 'typeorm';
import { AnalyticsReader } from '../warehouse/read/analytics-reader.js';
import { readReportedPeriods } from '../warehouse/read/reported-periods.js';
import { buildMeta } from './engine/meta.js';
import { reportedPeriodsInfo, splitReported } from './engine/reported.js';
import { AnalyticsScopeService } from './engine/scope.service.js';
import { isSuppressed, publishLoneCount, suppressStandalone } from './engine/suppression.js';

/** Most rows the posts table lists; `omitted` says how many more there were. */
const LISTED = 500;

export const REPORTED_PERIODS_NOTE =
  'Figures a platform reported for a whole post lifetime or for several days (Instagram content and X post ' +
  'exports, multi-day ad reports), each at the period it covers. They are in the totals of a range that contains ' +
  'their whole window; daily charts cannot place them, and they are never spread over days. Reach here is the ' +
  "platform's own figure for that post and period, never added to Resonance's de-duplicated reach.";

/** The posts/creatives table: reported periods at their own grain, published as every other figure. */
@Injectable()
export class ReportedPeriodsService {
  constructor(
    private readonly scopes: AnalyticsScopeService,
    private readonly reader: AnalyticsReader,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async getReportedPeriods(params: { orgId: string; query: AnalyticsQuery }): Promise<ReportedPeriodsResponse> {
    const { scope } = await this.scopes.resolve({ orgId: params.orgId, query: params.query, segmentMode: 'filter' });
    const [periods, reported] = await Promise.all([
      readReportedPeriods(this.dataSource, { scope, period: scope.period }),
      this.reader.reportedReach({ scope, period: scope.period }),
    ]);
    const split = splitReported(periods, scope.conditions);
    const shown = [...split.included, ...split.straddling].sort((a, b) =>
      a.period_start !== b.period_start
        ? a.period_start.localeCompare(b.period_start)
        : a.row_key.localeCompare(b.row_key),
    );
    const rows = shown.slice(0, LISTED).map((p): ReportedPeriodRow => {
      const set = suppressStandalone({ counts: computeMetrics(p.events), reach: null }, scope.disclosure);
      const hidden = isSuppressed(set.impressions) || isSuppressed(set.engagements);
      const n = typeof set.impressions === 'number' ? set.impressions : 0;
      const x = typeof set.engagements === 'number' ? Math.min(set.engagements, n) : 0;
      const interval = !hidden && n > 0 ? wilsonInterval(x, n) : null;
      return {
        grain: p.grain,
        periodStart: p.period_start,
        periodEnd: p.period_end,
        platform: p.platform as Platform,
        campaignId: p.campaign_id,
        creativeId: p.creative_id,
        creativeName: p.creative_name,
        included: p.included,
        ageBand: p.age_band as AgeBand | null,
        gender: p.gender as Gender | null,
        region: p.region,
        impressions: set.impressions,
        engagements: set.engagements,
        clicks: set.clicks,
        shares: set.shares,
        videoViews: set.videoViews,
        resourceClicks: set.resourceClicks,
        engagementRate: set.engagementRate,
        interval: hidden
          ? { suppressed: true }
          : interval && interval.lower !== null && interval.upper !== null
            ? { lower: interval.lower, upper: interval.upper }
            : null,
        platformReach:
          p.reach === null
            ? null
            : publishLoneCount(
                scope.disclosure,
                `reported-reach:${p.grain}:${p.period_start}:${p.period_end}:${p.platform}:${p.campaign_id}:${p.creative_id}` +
                  (p.age_band === null && p.gender === null && p.region === null
                    ? ''
                    : `:${p.age_band ?? ''}:${p.gender ?? ''}:${p.region ?? ''}`),
                Math.round(p.reach),
              ),
      };
    });
    return {
      meta: buildMeta({
        scope,
        source: 'rollup_daily_creative',
        reachNotDerivable: null,
        reported,
        reportedPeriods: reportedPeriodsInfo(split, { placed: true }),
      }),
      rows,
      omitted: Math.max(0, shown.length - LISTED),
      note: REPORTED_PERIODS_NOTE,
    };
  }
}
