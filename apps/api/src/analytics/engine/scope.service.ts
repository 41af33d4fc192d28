import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ANALYTICS_MAX_SPAN_DAYS,
  type AnalyticsQuery,
  type CampaignRef,
  type ResolvedAnalyticsQuery,
  type Segment,
} from '@resonance/contracts';
import { comparisonPeriod } from '@resonance/analytics';
import { DataSource } from 'typeorm';
import { SegmentsService } from '../../segments/segments.service.js';
import { DEFAULT_REPORT_SEGMENT_IDS } from '../../segments/segment-presets.js';
import { AnalyticsError } from '../analytics.errors.js';
import { dayNumber, previousPeriod, spanDays } from '../../common/time/dates.js';
import { canonicalTimeZone, hasSubHourOffset } from '../../common/time/time-zones.js';
import { AnalyticsReader } from '../../warehouse/read/analytics-reader.js';
import { rulesToConditions, type AnalyticsScope, type Condition } from '../../warehouse/read/scope.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ResolveScopeParams {
  orgId: string;
  query: AnalyticsQuery;
  /** filter: `segment` (≤ 1) narrows the question; report: `segment` lists the segments to report. */
  segmentMode: 'filter' | 'report';
  /** Longest span for this route (hourly timeseries are shorter). */
  maxSpanDays?: number;
}

/** Turns the query string into a validated AnalyticsScope (the org always from the AuthContext). */
@Injectable()
export class AnalyticsScopeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: AnalyticsReader,
    private readonly segments: SegmentsService,
  ) {}

  async resolve(params: ResolveScopeParams): Promise<{ scope: AnalyticsScope; reportSegments: Segment[] }> {
    const { orgId, query, segmentMode } = params;
    const maxSpan = params.maxSpanDays ?? ANALYTICS_MAX_SPAN_DAYS;
    for (const field of ['from', 'to'] as const) {
      if (dayNumber(query[field]) === null) {
        throw new AnalyticsError(
          'invalid_date',
          `${field} must be a real calendar date YYYY-MM-DD; got ${query[field]}`,
          {
            field,
          },
        );
      }
    }
    if (query.from > query.to) {
      throw new AnalyticsError('invalid_range', `from (${query.from}) must be on or before to (${query.to})`, {
        field: 'from',
      });
    }
    const days = spanDays(query.from, query.to);
    if (days > maxSpan) {
      throw new AnalyticsError(
        'range_too_long',
        `from…to spans ${days} days; at most ${maxSpan} days per request: narrow the range`,
        { field: 'to', maxDays: maxSpan },
      );
    }
    const org = await this.reader.organization(orgId);
    const orgTimeZone = canonicalTimeZone(org.timeZone) ?? 'UTC';
    let tz = orgTimeZone;
    if (query.tz !== undefined) {
      const canonical = canonicalTimeZone(query.tz);
      if (!canonical) {
        throw new AnalyticsError(
          'invalid_time_zone',
          `tz must be an IANA time zone such as Europe/Berlin; got ${query.tz}`,
          {
            field: 'tz',
          },
        );
      }
      tz = canonical;
    }

    const requested = query.segment ?? [];
    if (segmentMode === 'filter' && requested.length > 1) {
      throw new AnalyticsError(
        'too_many_segments',
        'segment: give at most one segment id on this route (it filters the figures)',
        {
          field: 'segment',
        },
      );
    }
    const [campaign, segments] = await Promise.all([
      query.campaign ? this.campaign(orgId, query.campaign) : Promise.resolve(null),
      this.segments.resolve({
        orgId,
        ids: segmentMode === 'report' && requested.length === 0 ? DEFAULT_REPORT_SEGMENT_IDS : requested,
      }),
    ]);
    const creativeIds = query.creative ? await this.creatives(orgId, query.creative, campaign) : null;

    const filters: ResolvedAnalyticsQuery['filters'] = {};
    const conditions: Condition[] = [];
    for (const dimension of ['platform', 'ageBand', 'gender', 'region', 'language'] as const) {
      const values = query[dimension];
      if (values && values.length > 0) {
        const unique = [...new Set<string>(values)];
        (filters as Record<string, string[]>)[dimension] = unique;
        conditions.push({ dimension, values: unique });
      }
    }
    if (creativeIds) filters.creative = creativeIds;
    const segment = segmentMode === 'filter' ? (segments[0] ?? null) : null;
    if (segment) conditions.push(...rulesToConditions(segment.rules));

    const scope: AnalyticsScope = {
      orgId,
      orgTimeZone,
      threshold: org.threshold,
      disclosure: org.disclosure,
      tz,
      period: { from: query.from, to: query.to },
      days,
      comparison:
        query.compare === 'previous'
          ? previousPeriod(query.from, query.to)
          : query.compare === 'yearEarlier'
            ? comparisonPeriod({ from: query.from, to: query.to }, 'previous_year')
            : null,
      campaign,
      creativeIds,
      conditions,
      filters,
      segment,
      subHourOffset: tz !== orgTimeZone && hasSubHourOffset(tz, query.from, query.to),
    };
    return { scope, reportSegments: segmentMode === 'report' ? segments : [] };
  }

  private async campaign(orgId: string, keyOrId: string): Promise<CampaignRef> {
    const rows = await this.dataSource.query<CampaignRef[]>(
      `SELECT id::text AS id, key, name FROM campaigns
        WHERE org_id = $1 AND (key = $2 OR ($3::boolean AND id = $4::uuid))
        ORDER BY (key = $2) DESC LIMIT 1`,
      [orgId, keyOrId, UUID.test(keyOrId), UUID.test(keyOrId) ? keyOrId : null],
    );
    const row = rows[0];
    if (!row) {
      throw new AnalyticsError('campaign_not_found', `No campaign with key or id ${keyOrId} in this organisation`, {
        field: 'campaign',
      });
    }
    return row;
  }

  private async creatives(
    orgId: string,
    keysOrIds: readonly string[],
    campaign: CampaignRef | null,
  ): Promise<string[]> {
    const wanted = [...new Set(keysOrIds)];
    const ids = wanted.filter((v) => UUID.test(v));
    const rows = await this.dataSource.query<{ id: string; key: string }[]>(
      `SELECT id::text AS id, key FROM creatives
        WHERE org_id = $1 AND (key = ANY($2::text[]) OR id = ANY($3::uuid[]))
          AND ($4::uuid IS NULL OR campaign_id = $4::uuid)`,
      [orgId, wanted, ids, campaign?.id ?? null],
    );
    const found = new Set(rows.flatMap((r) => [r.id, r.key]));
    const missing = wanted.filter((v) => !found.has(v));
    if (missing.length > 0) {
      throw new AnalyticsError(
        'creative_not_found',
        `No creative with key or id ${missing.join(', ')}${campaign ? ` in campaign ${campaign.key}` : ''} in this organisation`,
        { field: 'creative', missing },
      );
    }
    return [...new Set(rows.map((r) => r.id))];
  }
}
