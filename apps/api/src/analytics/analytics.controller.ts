import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type {
  BreakdownResponse,
  BreakdownsResponse,
  CreativeMatrixResponse,
  InsightsResponse,
  ReportedPeriodsResponse,
  SegmentReportResponse,
  SummaryResponse,
  TimeseriesResponse,
} from '@resonance/contracts';
import { ALL_ROLES, Auth, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { AnalyticsService } from './analytics.service.js';
import { CreativeMatrixService } from './creative-matrix.service.js';
import {
  AnalyticsQueryDto,
  BreakdownQueryDto,
  BreakdownsQueryDto,
  TimeseriesQueryDto,
} from './dto/analytics-query.dto.js';
import {
  BreakdownResponseDto,
  BreakdownsResponseDto,
  CreativeMatrixResponseDto,
  InsightsResponseDto,
  ReportedPeriodsResponseDto,
  SegmentReportResponseDto,
  SummaryResponseDto,
  TimeseriesResponseDto,
} from './dto/analytics-responses.dto.js';
import { InsightsService } from './insights.service.js';
import { ReportedPeriodsService } from './reported-periods.service.js';
import { SegmentReportService } from './segment-report.service.js';

const VALIDATION =
  'invalid_date, invalid_range (from > to), range_too_long, invalid_time_zone, unknown_dimension, too_many_segments, ' +
  'unsupported_combination (audience filters with hourly buckets or another tz), validation_failed';
const NOT_FOUND = 'campaign_not_found, creative_not_found, segment_not_found';

@ApiTags('analytics')
@Controller('analytics')
@Auth({ roles: ALL_ROLES, scopes: ['read'] })
@ApiBadRequestResponse({ description: VALIDATION })
@ApiNotFoundResponse({ description: NOT_FOUND })
export class AnalyticsController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly segmentReport: SegmentReportService,
    private readonly matrix: CreativeMatrixService,
    private readonly insights: InsightsService,
    private readonly reportedPeriods: ReportedPeriodsService,
  ) {}

  @Get('reported-periods')
  @ApiOperation({
    summary:
      'Per-post (lifetime) and multi-day figures from platform exports, at the period they cover, with which ones the totals of the range include',
  })
  @ApiOkResponse({ type: ReportedPeriodsResponseDto })
  reported(@CurrentAuth() auth: AuthContext, @Query() query: AnalyticsQueryDto): Promise<ReportedPeriodsResponse> {
    return this.reportedPeriods.getReportedPeriods({ orgId: auth.orgId, query });
  }

  @Get('summary')
  @ApiOperation({ summary: 'Every metric for the period (and the previous one with compare=previous)' })
  @ApiOkResponse({ type: SummaryResponseDto })
  summary(@CurrentAuth() auth: AuthContext, @Query() query: AnalyticsQueryDto): Promise<SummaryResponse> {
    return this.analytics.getSummary({ orgId: auth.orgId, query });
  }

  @Get('timeseries')
  @ApiOperation({ summary: 'Every metric per hour, day, week or month in the requested time zone, zero-filled' })
  @ApiOkResponse({ type: TimeseriesResponseDto })
  timeseries(@CurrentAuth() auth: AuthContext, @Query() query: TimeseriesQueryDto): Promise<TimeseriesResponse> {
    return this.analytics.getTimeseries({ orgId: auth.orgId, query });
  }

  @Get('breakdown')
  @ApiOperation({ summary: 'A row per value of one or two dimensions, with % of total and a de-duplicated total row' })
  @ApiOkResponse({ type: BreakdownResponseDto })
  breakdown(@CurrentAuth() auth: AuthContext, @Query() query: BreakdownQueryDto): Promise<BreakdownResponse> {
    return this.analytics.getBreakdown({ orgId: auth.orgId, query });
  }

  @Get('breakdowns')
  @ApiOperation({
    summary: 'Several one-dimension breakdowns of one query in one request (each as /breakdown answers it)',
  })
  @ApiOkResponse({ type: BreakdownsResponseDto })
  breakdowns(@CurrentAuth() auth: AuthContext, @Query() query: BreakdownsQueryDto): Promise<BreakdownsResponse> {
    return this.analytics.getBreakdowns({ orgId: auth.orgId, query });
  }

  @Get('segments')
  @ApiOperation({ summary: 'Segment report: one row per segment, every metric, current vs previous period, Δ and Δ%' })
  @ApiOkResponse({ type: SegmentReportResponseDto })
  segments(@CurrentAuth() auth: AuthContext, @Query() query: AnalyticsQueryDto): Promise<SegmentReportResponse> {
    return this.segmentReport.getSegmentReport({ orgId: auth.orgId, query });
  }

  @Get('creatives')
  @ApiOperation({
    summary: 'Creative × segment matrix: rates with Wilson intervals, lift, P(best), Holm-adjusted p, verdict',
  })
  @ApiOkResponse({ type: CreativeMatrixResponseDto })
  creatives(@CurrentAuth() auth: AuthContext, @Query() query: AnalyticsQueryDto): Promise<CreativeMatrixResponse> {
    return this.matrix.getCreativeMatrix({ orgId: auth.orgId, query });
  }

  @Get('insights')
  @ApiOperation({
    summary: 'Segment cells whose engagement rate differs from the campaign average beyond chance (BH q = 0.05)',
  })
  @ApiOkResponse({ type: InsightsResponseDto })
  getInsights(@CurrentAuth() auth: AuthContext, @Query() query: AnalyticsQueryDto): Promise<InsightsResponse> {
    return this.insights.getInsights({ orgId: auth.orgId, query });
  }
}
