import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type {
  LinkedCampaign,
  Observance,
  ObservanceDetail,
  ObservanceYearResponse,
  RecommendationsResponse,
  SampleSizeResponse,
  UpcomingObservancesResponse,
  YoyResponse,
} from '@resonance/contracts';
import { ALL_ROLES, Auth, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import {
  CreateObservanceDto,
  LinkCampaignDto,
  ObservanceYearQueryDto,
  PlanCampaignDto,
  RecommendationsQueryDto,
  SampleSizeQueryDto,
  UpcomingQueryDto,
  YoyQueryDto,
} from './dto/planning.dto.js';
import {
  LinkedCampaignDto,
  ObservanceDetailDto,
  ObservanceDto,
  ObservanceYearDto,
  RecommendationsDto,
  SampleSizeDto,
  UpcomingObservancesDto,
  YoyDto,
} from './dto/planning-responses.dto.js';
import { ObservancesService } from './observances.service.js';
import { PerformanceService } from './performance.service.js';
import { planSampleSize } from './sample-size.js';
import { parseSegments } from './age-band-segments.js';

const READ = { roles: ALL_ROLES, scopes: ['read'] } as const;
const PLAN = { roles: ['owner', 'manager'] } as const;
const DEFAULT_SEGMENTS = [
  'all',
  'age-13-17',
  'age-18-24',
  'age-25-34',
  'age-35-44',
  'age-45-54',
  'age-55-plus',
] as const;

function regionList(region: string | undefined): string[] | undefined {
  return region ? region.split(',') : undefined;
}

@ApiTags('planning')
@Controller('planning')
export class PlanningController {
  constructor(
    private readonly observances: ObservancesService,
    private readonly performance: PerformanceService,
  ) {}

  @Get('observances')
  @Auth(READ)
  @ApiOkResponse({ type: ObservanceYearDto, description: 'catalogue and own observances in the year, by start date.' })
  @ApiBadRequestResponse({ description: 'year or region out of range' })
  list(@CurrentAuth() auth: AuthContext, @Query() q: ObservanceYearQueryDto): Promise<ObservanceYearResponse> {
    return this.observances.listYear({ orgId: auth.orgId, year: q.year, regions: regionList(q.region) });
  }

  @Get('observances/upcoming')
  @Auth(READ)
  @ApiOkResponse({
    type: UpcomingObservancesDto,
    description: 'occurrences overlapping [from, from + months), across year ends.',
  })
  upcoming(@CurrentAuth() auth: AuthContext, @Query() q: UpcomingQueryDto): Promise<UpcomingObservancesResponse> {
    return this.observances.upcoming({
      orgId: auth.orgId,
      months: q.months ?? 12,
      regions: regionList(q.region),
      ...(q.from ? { from: q.from } : {}),
    });
  }

  @Get('observances/:id')
  @Auth(READ)
  @ApiOkResponse({ type: ObservanceDetailDto, description: 'the observance, its occurrences and linked campaigns.' })
  @ApiNotFoundResponse({ description: 'observance_not_found' })
  detail(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<ObservanceDetail> {
    return this.observances.detail({ orgId: auth.orgId, id });
  }

  @Post('observances')
  @Auth(PLAN)
  @ApiCreatedResponse({ type: ObservanceDto, description: 'the organisation’s own observance.' })
  @ApiBadRequestResponse({ description: 'invalid_observance_rule (every problem in details) or a field error' })
  @ApiConflictResponse({ description: 'observance_slug_taken' })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateObservanceDto): Promise<Observance> {
    return this.observances.create({ orgId: auth.orgId, body });
  }

  @Delete('observances/:id')
  @Auth(PLAN)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'observance_not_found' })
  @ApiConflictResponse({ description: 'observance_in_use: catalogue observance, or linked campaigns / relative rules' })
  remove(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.observances.remove({ orgId: auth.orgId, id });
  }

  @Put('observances/:id/campaigns/:campaignId')
  @Auth(PLAN)
  @ApiOkResponse({ type: LinkedCampaignDto, description: 'Linked; an empty window is filled with the occurrence.' })
  @ApiNotFoundResponse({ description: 'observance_not_found or campaign_not_found' })
  link(
    @CurrentAuth() auth: AuthContext,
    @Param('id') id: string,
    @Param('campaignId') campaignId: string,
    @Body() body: LinkCampaignDto,
  ): Promise<LinkedCampaign> {
    return this.observances.link({
      orgId: auth.orgId,
      observanceId: id,
      campaignId,
      ...(body.year !== undefined ? { year: body.year } : {}),
    });
  }

  @Delete('observances/:id/campaigns/:campaignId')
  @Auth(PLAN)
  @ApiOkResponse({ type: LinkedCampaignDto, description: 'Unlinked (its window is kept).' })
  @ApiNotFoundResponse({ description: 'observance_not_found or campaign_not_found (or not linked to it)' })
  unlink(
    @CurrentAuth() auth: AuthContext,
    @Param('id') id: string,
    @Param('campaignId') campaignId: string,
  ): Promise<LinkedCampaign> {
    return this.observances.unlink({ orgId: auth.orgId, observanceId: id, campaignId });
  }

  @Post('observances/:id/plan')
  @Auth(PLAN)
  @ApiCreatedResponse({
    type: LinkedCampaignDto,
    description: 'a new campaign linked to the observance, window = that year’s occurrence.',
  })
  @ApiConflictResponse({ description: 'campaign_key_taken' })
  plan(
    @CurrentAuth() auth: AuthContext,
    @Param('id') id: string,
    @Body() body: PlanCampaignDto,
  ): Promise<LinkedCampaign> {
    return this.observances.plan({ orgId: auth.orgId, observanceId: id, body });
  }

  @Get('yoy')
  @Auth(READ)
  @ApiOkResponse({ type: YoyDto, description: 'each year measured on its own observance window, per segment.' })
  @ApiNotFoundResponse({ description: 'observance_not_found' })
  yoy(@CurrentAuth() auth: AuthContext, @Query() q: YoyQueryDto): Promise<YoyResponse> {
    return this.performance.yoy({
      orgId: auth.orgId,
      observance: q.observance,
      segments: parseSegments(q.segment, DEFAULT_SEGMENTS),
      leadDays: q.leadDays ?? 0,
      lagDays: q.lagDays ?? 0,
    });
  }

  @Get('recommendations')
  @Auth(READ)
  @ApiOkResponse({ type: RecommendationsDto, description: 'per segment, formats, platforms and themes ranked.' })
  @ApiNotFoundResponse({ description: 'observance_not_found' })
  recommendations(
    @CurrentAuth() auth: AuthContext,
    @Query() q: RecommendationsQueryDto,
  ): Promise<RecommendationsResponse> {
    return this.performance.recommendations({
      orgId: auth.orgId,
      observance: q.observance,
      segments: parseSegments(q.segment, DEFAULT_SEGMENTS),
    });
  }

  @Get('sample-size')
  @Auth(READ)
  @ApiOkResponse({
    type: SampleSizeDto,
    description: 'impressions per creative per segment, or the smallest detectable lift.',
  })
  @ApiBadRequestResponse({ description: 'invalid_planning_query: names the parameter and its range' })
  sampleSize(@Query() q: SampleSizeQueryDto): SampleSizeResponse {
    return planSampleSize({
      baselineRate: q.baselineRate,
      alpha: q.alpha ?? 0.05,
      power: q.power ?? 0.8,
      arms: q.arms ?? 2,
      ...(q.minRelativeLift !== undefined ? { minRelativeLift: q.minRelativeLift } : {}),
      ...(q.impressionsPerArm !== undefined ? { impressionsPerArm: q.impressionsPerArm } : {}),
    });
  }
}
