import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type {
  AnnotationListResponse,
  BreakdownResponse,
  CreatedShareLink,
  SegmentReportResponse,
  ShareLink,
  ShareLinkListResponse,
  SharedView,
  SharedViewSession,
  SummaryResponse,
  TimeseriesResponse,
} from '@resonance/contracts';
import {
  BreakdownResponseDto,
  SegmentReportResponseDto,
  SummaryResponseDto,
  TimeseriesResponseDto,
} from '../analytics/dto/analytics-responses.dto.js';
import { AnnotationListDto } from '../annotations/dto/annotation.dto.js';
import { Auth, ClientIp, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { Public } from '../common/decorators/public.decorator.js';
import { RateLimit } from '../common/throttling/rate-limit.js';
import {
  CreatedShareLinkDto,
  CreateShareLinkDto,
  NoFiltersQueryDto,
  OpenSharedViewDto,
  SharedBreakdownQueryDto,
  ShareLinkDto,
  ShareLinkListDto,
  SharedViewDto,
  SharedViewSessionDto,
} from './dto/share-link.dto.js';
import { SharedAnalyticsService } from './shared-analytics.service.js';
import { ShareLinksService } from './share-links.service.js';

const SHARERS = ['owner', 'manager'] as const;

@ApiTags('share links')
@Controller('share-links')
export class ShareLinksController {
  constructor(private readonly links: ShareLinksService) {}

  @Get()
  @Auth({ roles: SHARERS })
  @ApiOkResponse({ type: ShareLinkListDto, description: 'Newest first, with status and how often each was opened.' })
  list(@CurrentAuth() auth: AuthContext): Promise<ShareLinkListResponse> {
    return this.links.list({ orgId: auth.orgId });
  }

  @Post()
  @Auth({ roles: SHARERS })
  @ApiOperation({ summary: 'A read-only link to a saved view; the token is in this answer only' })
  @ApiCreatedResponse({ type: CreatedShareLinkDto })
  @ApiNotFoundResponse({ description: 'saved_view_not_found' })
  create(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Body() body: CreateShareLinkDto,
  ): Promise<CreatedShareLink> {
    return this.links.create({ auth, ip, request: body });
  }

  @Delete(':id')
  @Auth({ roles: SHARERS })
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke: the link, and every viewer it let in, stop working at once' })
  @ApiOkResponse({ type: ShareLinkDto })
  @ApiNotFoundResponse({ description: 'share_link_not_found' })
  revoke(@CurrentAuth() auth: AuthContext, @ClientIp() ip: string | null, @Param('id') id: string): Promise<ShareLink> {
    return this.links.revoke({ auth, ip, id });
  }
}

/** What a share link opens: one view's figures, without an account. */
@ApiTags('shared view')
@Controller('shared')
export class SharedViewController {
  constructor(
    private readonly links: ShareLinksService,
    private readonly shared: SharedAnalyticsService,
  ) {}

  @Post('open')
  @Public()
  @RateLimit('auth')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open a share link (counted and audit-logged): an access token for this view only' })
  @ApiOkResponse({ type: SharedViewSessionDto })
  @ApiNotFoundResponse({ description: 'share_link_not_found' })
  @ApiGoneResponse({ description: 'share_link_expired, share_link_revoked' })
  @ApiUnauthorizedResponse({ description: 'share_password_required, share_password_wrong' })
  open(@ClientIp() ip: string | null, @Body() body: OpenSharedViewDto): Promise<SharedViewSession> {
    return this.links.open({ token: body.token, password: body.password, ip });
  }

  @Get('view')
  @Auth({ roles: [], share: true })
  @ApiOkResponse({ type: SharedViewDto })
  view(@CurrentAuth() auth: AuthContext, @Query() _query: NoFiltersQueryDto): Promise<SharedView> {
    return this.shared.view({ auth });
  }

  @Get('summary')
  @Auth({ roles: [], share: true })
  @ApiOkResponse({ type: SummaryResponseDto })
  @ApiBadRequestResponse({ description: 'validation_failed: the view fixes every filter' })
  summary(@CurrentAuth() auth: AuthContext, @Query() _query: NoFiltersQueryDto): Promise<SummaryResponse> {
    return this.shared.summary({ auth });
  }

  @Get('timeseries')
  @Auth({ roles: [], share: true })
  @ApiOkResponse({ type: TimeseriesResponseDto })
  timeseries(@CurrentAuth() auth: AuthContext, @Query() _query: NoFiltersQueryDto): Promise<TimeseriesResponse> {
    return this.shared.timeseries({ auth });
  }

  @Get('breakdown')
  @Auth({ roles: [], share: true })
  @ApiOkResponse({ type: BreakdownResponseDto })
  breakdown(@CurrentAuth() auth: AuthContext, @Query() query: SharedBreakdownQueryDto): Promise<BreakdownResponse> {
    return this.shared.breakdown({ auth, by: query.by });
  }

  @Get('segments')
  @Auth({ roles: [], share: true })
  @ApiOkResponse({ type: SegmentReportResponseDto })
  segments(@CurrentAuth() auth: AuthContext, @Query() _query: NoFiltersQueryDto): Promise<SegmentReportResponse> {
    return this.shared.segmentsReport({ auth });
  }

  @Get('annotations')
  @Auth({ roles: [], share: true })
  @ApiOkResponse({ type: AnnotationListDto, description: "Notes and observance windows of the view's period only." })
  annotations(@CurrentAuth() auth: AuthContext, @Query() _query: NoFiltersQueryDto): Promise<AnnotationListResponse> {
    return this.shared.annotationsList({ auth });
  }
}
