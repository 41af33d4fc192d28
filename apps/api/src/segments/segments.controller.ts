import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Segment, SegmentListResponse } from '@resonance/contracts';
import { ALL_ROLES, Auth, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { CreateSegmentDto, SegmentDto, SegmentListDto, UpdateSegmentDto } from './dto/segment.dto.js';
import { SegmentsService } from './segments.service.js';

const WRITERS = ['owner', 'manager', 'analyst'] as const;

@ApiTags('segments')
@Controller('segments')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Get()
  @Auth({ roles: ALL_ROLES, scopes: ['read'] })
  @ApiOkResponse({
    type: SegmentListDto,
    description: 'Read-only presets (ids preset:…) first, then saved segments by name.',
  })
  list(@CurrentAuth() auth: AuthContext): Promise<SegmentListResponse> {
    return this.segments.list({ orgId: auth.orgId });
  }

  @Get(':id')
  @Auth({ roles: ALL_ROLES, scopes: ['read'] })
  @ApiOkResponse({ type: SegmentDto })
  @ApiNotFoundResponse({ description: 'segment_not_found' })
  get(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<Segment> {
    return this.segments.get({ orgId: auth.orgId, id });
  }

  @Post()
  @Auth({ roles: WRITERS })
  @ApiCreatedResponse({ type: SegmentDto })
  @ApiConflictResponse({ description: 'segment_name_taken' })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateSegmentDto): Promise<Segment> {
    return this.segments.create({ orgId: auth.orgId, request: body });
  }

  @Patch(':id')
  @Auth({ roles: WRITERS })
  @ApiOkResponse({ type: SegmentDto })
  @ApiNotFoundResponse({ description: 'segment_not_found' })
  @ApiConflictResponse({ description: 'segment_preset_read_only or segment_name_taken' })
  update(@CurrentAuth() auth: AuthContext, @Param('id') id: string, @Body() body: UpdateSegmentDto): Promise<Segment> {
    return this.segments.update({ orgId: auth.orgId, id, request: body });
  }

  @Delete(':id')
  @Auth({ roles: WRITERS })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'segment_not_found' })
  @ApiConflictResponse({ description: 'segment_preset_read_only' })
  remove(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    return this.segments.remove({ orgId: auth.orgId, id });
  }
}
