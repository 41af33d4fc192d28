import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AudienceSizeResponse } from '@resonance/contracts';
import { ALL_ROLES, Auth, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { AudienceSizeDto, AudienceSizeResponseDto } from '../segments/dto/segment.dto.js';
import { SegmentReportService } from './segment-report.service.js';

/**
 * Live audience size for the segment builder. Routed under /segments for the builder, but it is an
 * analytics question (the segments module stays below analytics, which reads segments' rules).
 */
@ApiTags('segments')
@Controller('segments')
export class SegmentAudienceController {
  constructor(private readonly segmentReport: SegmentReportService) {}

  @Post('audience-size')
  @HttpCode(200)
  @Auth({ roles: ALL_ROLES, scopes: ['read'] })
  @ApiOperation({
    summary:
      'Impressions and reach (exact, or a sketch estimate above 2,048 people: see reachMethod) of a draft rule set (default: the last 90 days)',
  })
  @ApiOkResponse({ type: AudienceSizeResponseDto })
  @ApiBadRequestResponse({ description: 'validation_failed, invalid_range' })
  audienceSize(@CurrentAuth() auth: AuthContext, @Body() body: AudienceSizeDto): Promise<AudienceSizeResponse> {
    return this.segmentReport.getAudienceSize({ orgId: auth.orgId, request: body });
  }
}
