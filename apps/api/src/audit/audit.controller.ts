import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuditListResponse } from '@resonance/contracts';
import { Auth, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { AuditService } from './audit.service.js';
import { AuditListDto, AuditQueryDto } from './dto/audit.dto.js';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Auth({ roles: ['owner'] })
  @ApiOkResponse({ type: AuditListDto, description: 'Newest first.' })
  list(@CurrentAuth() auth: AuthContext, @Query() query: AuditQueryDto): Promise<AuditListResponse> {
    return this.audit.list({ orgId: auth.orgId, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }
}
