import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Annotation, AnnotationListResponse } from '@resonance/contracts';
import { ALL_ROLES, Auth, ClientIp, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { AnnotationsService } from './annotations.service.js';
import {
  AnnotationDto,
  AnnotationListDto,
  AnnotationQueryDto,
  CreateAnnotationDto,
  UpdateAnnotationDto,
} from './dto/annotation.dto.js';

/** Owners and managers edit notes; every role (and read API keys) sees them. */
const EDITORS = ['owner', 'manager'] as const;

@ApiTags('annotations')
@Controller('annotations')
export class AnnotationsController {
  constructor(private readonly annotations: AnnotationsService) {}

  @Get()
  @Auth({ roles: ALL_ROLES, scopes: ['read'] })
  @ApiOperation({ summary: "Notes and the calendar's observance windows overlapping from–to, for time charts" })
  @ApiOkResponse({ type: AnnotationListDto })
  @ApiBadRequestResponse({ description: 'invalid_annotation_query (details.field), validation_failed' })
  @ApiNotFoundResponse({ description: 'campaign_not_found' })
  list(@CurrentAuth() auth: AuthContext, @Query() query: AnnotationQueryDto): Promise<AnnotationListResponse> {
    return this.annotations.list({
      orgId: auth.orgId,
      from: query.from,
      to: query.to,
      ...(query.campaign ? { campaignId: query.campaign } : {}),
    });
  }

  @Post()
  @Auth({ roles: EDITORS })
  @ApiCreatedResponse({ type: AnnotationDto })
  @ApiBadRequestResponse({
    description: 'invalid_annotation (details.field: dates, text, campaignId), validation_failed',
  })
  create(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Body() body: CreateAnnotationDto,
  ): Promise<Annotation> {
    return this.annotations.create({ auth, ip, request: body });
  }

  @Patch(':id')
  @Auth({ roles: EDITORS })
  @ApiOkResponse({ type: AnnotationDto })
  @ApiNotFoundResponse({ description: 'annotation_not_found' })
  @ApiBadRequestResponse({ description: 'invalid_annotation (details.field), validation_failed' })
  update(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Param('id') id: string,
    @Body() body: UpdateAnnotationDto,
  ): Promise<Annotation> {
    return this.annotations.update({ auth, ip, id, request: body });
  }

  @Delete(':id')
  @Auth({ roles: EDITORS })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'annotation_not_found' })
  remove(@CurrentAuth() auth: AuthContext, @ClientIp() ip: string | null, @Param('id') id: string): Promise<void> {
    return this.annotations.remove({ auth, ip, id });
  }
}
