import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OrganizationSettings } from '@resonance/contracts';
import { ALL_ROLES, Auth, ClientIp, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { OrganizationSettingsDto, UpdateOrganizationDto } from './dto/organization.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('organization')
@Controller('organization')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @Auth({ roles: ALL_ROLES, scopes: ['read'] })
  @ApiOkResponse({ type: OrganizationSettingsDto, description: 'The caller’s organisation.' })
  get(@CurrentAuth() auth: AuthContext): Promise<OrganizationSettings> {
    return this.organizations.get({ orgId: auth.orgId });
  }

  @Patch()
  @Auth({ roles: ['owner'] })
  @ApiOkResponse({ type: OrganizationSettingsDto })
  @ApiBadRequestResponse({ description: 'suppressionThreshold below 11, or an empty name.' })
  update(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Body() body: UpdateOrganizationDto,
  ): Promise<OrganizationSettings> {
    return this.organizations.update({ auth, ip, changes: body });
  }
}
