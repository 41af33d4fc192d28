import { Injectable } from '@nestjs/common';
import type {
  AnalyticsQuery,
  AnnotationListResponse,
  BreakdownResponse,
  Granularity,
  SegmentReportResponse,
  SharedBreakdown,
  SharedView,
  SummaryResponse,
  TimeseriesResponse,
} from '@resonance/contracts';
import { AnalyticsService } from '../analytics/analytics.service.js';
import { AnnotationsService } from '../annotations/annotations.service.js';
import { dayNumber } from '../common/time/dates.js';
import { SegmentReportService } from '../analytics/segment-report.service.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { SavedViewsService, type ResolvedView } from '../saved-views/saved-views.service.js';
import { SegmentsService } from '../segments/segments.service.js';
import { ShareLinksService, toSharedView } from './share-links.service.js';

/** The segment report answers at most this many segments at once. */
const MAX_REPORT_SEGMENTS = 20;

function granularityFor(from: string, to: string): Granularity {
  const days = (dayNumber(to) ?? 0) - (dayNumber(from) ?? 0) + 1;
  if (days <= 92) return 'day';
  return days <= 730 ? 'week' : 'month';
}

/**
 * The figures of one shared view. Every query is built here from the saved view the credential
 * names (never from the request), and answered by the analytics services, so suppression applies.
 */
@Injectable()
export class SharedAnalyticsService {
  constructor(
    private readonly views: SavedViewsService,
    private readonly links: ShareLinksService,
    private readonly analytics: AnalyticsService,
    private readonly segmentReport: SegmentReportService,
    private readonly segments: SegmentsService,
    private readonly annotations: AnnotationsService,
  ) {}

  async view(params: { auth: AuthContext }): Promise<SharedView> {
    const { resolved } = await this.scope(params.auth);
    const expiry = await this.links.linkExpiry({ orgId: params.auth.orgId, id: params.auth.shareLinkId ?? '' });
    return toSharedView(resolved, expiry, resolved.view.filters.platform);
  }

  async summary(params: { auth: AuthContext }): Promise<SummaryResponse> {
    const { resolved, base } = await this.scope(params.auth);
    return this.analytics.getSummary({ orgId: params.auth.orgId, query: this.withCompare(resolved, base) });
  }

  async timeseries(params: { auth: AuthContext }): Promise<TimeseriesResponse> {
    const { resolved, base } = await this.scope(params.auth);
    const granularity = granularityFor(base.from, base.to);
    return this.analytics.getTimeseries({
      orgId: params.auth.orgId,
      query: { ...this.withCompare(resolved, base), granularity },
    });
  }

  async breakdown(params: { auth: AuthContext; by: SharedBreakdown }): Promise<BreakdownResponse> {
    const { base } = await this.scope(params.auth);
    return this.analytics.getBreakdown({ orgId: params.auth.orgId, query: { ...base, by: params.by } });
  }

  /** The organisation's segments (presets first), each against the previous period. */
  async segmentsReport(params: { auth: AuthContext }): Promise<SegmentReportResponse> {
    const { base } = await this.scope(params.auth);
    const { items } = await this.segments.list({ orgId: params.auth.orgId });
    const ids = items.slice(0, MAX_REPORT_SEGMENTS).map((s) => s.id);
    const { segment: _filter, ...rest } = base;
    return this.segmentReport.getSegmentReport({ orgId: params.auth.orgId, query: { ...rest, segment: ids } });
  }

  /** The notes and observance windows of the view's period (and its campaign), read-only. */
  async annotationsList(params: { auth: AuthContext }): Promise<AnnotationListResponse> {
    const { base } = await this.scope(params.auth);
    return this.annotations.list({
      orgId: params.auth.orgId,
      from: base.from,
      to: base.to,
      ...(base.campaign ? { campaignId: base.campaign } : {}),
    });
  }

  /** The view's comparison, asked in the same request (as the dashboard does). */
  private withCompare(resolved: ResolvedView, base: AnalyticsQuery): AnalyticsQuery {
    const mode = resolved.comparison?.mode;
    if (mode === 'previous_period') return { ...base, compare: 'previous' };
    if (mode === 'previous_year') return { ...base, compare: 'yearEarlier' };
    return base;
  }

  private async scope(auth: AuthContext): Promise<{ resolved: ResolvedView; base: AnalyticsQuery }> {
    // Only share-link credentials reach these routes, and they always name their view.
    if (!auth.savedViewId) throw new Error('shared analytics called without a share-link credential');
    const resolved = await this.views.resolve({ orgId: auth.orgId, id: auth.savedViewId });
    const f = resolved.view.filters;
    const base: AnalyticsQuery = {
      from: resolved.period.from,
      to: resolved.period.to,
      ...(f.campaignId ? { campaign: f.campaignId } : {}),
      ...(f.platform ? { platform: [f.platform] } : {}),
      ...(f.segmentId ? { segment: [f.segmentId] } : {}),
    };
    return { resolved, base };
  }
}
