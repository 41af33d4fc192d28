import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { DigestListResponse, DigestPreview, DigestSchedule } from '@resonance/contracts';
import { Auth, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { CreateDigestDto, DigestListDto, DigestPreviewDto, DigestScheduleDto } from './dto/digest.dto.js';
import { DigestsService } from './digests.service.js';

const SCHEDULERS = ['owner', 'manager'] as const;

@ApiTags('digests')
@Controller('digests')
@Auth({ roles: SCHEDULERS })
export class DigestsController {
  constructor(private readonly digests: DigestsService) {}

  @Get()
  @ApiOkResponse({ type: DigestListDto, description: 'Schedules with their last delivery (status, attempts, error)' })
  list(@CurrentAuth() auth: AuthContext): Promise<DigestListResponse> {
    return this.digests.list({ orgId: auth.orgId });
  }

  @Post()
  @ApiOperation({ summary: 'E-mail a saved view weekly (Mondays) or monthly (the 1st), 08:00 organisation time' })
  @ApiCreatedResponse({ type: DigestScheduleDto })
  @ApiNotFoundResponse({ description: 'saved_view_not_found' })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateDigestDto): Promise<DigestSchedule> {
    return this.digests.create({ auth, request: body });
  }

  @Get(':id/preview')
  @ApiOperation({ summary: 'The e-mail as it would be sent now' })
  @ApiOkResponse({ type: DigestPreviewDto })
  @ApiNotFoundResponse({ description: 'digest_not_found' })
  preview(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<DigestPreview> {
    return this.digests.preview({ orgId: auth.orgId, id });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Stopped and deleted.' })
  @ApiNotFoundResponse({ description: 'digest_not_found' })
  remove(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    return this.digests.remove({ orgId: auth.orgId, id });
  }
}
