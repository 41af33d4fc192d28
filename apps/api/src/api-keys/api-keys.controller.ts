import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { ApiKeyListResponse, CreatedApiKey } from '@resonance/contracts';
import { Auth, ClientIp, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyListDto, CreateApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto.js';

@ApiTags('api-keys')
@Controller('api-keys')
@Auth({ roles: ['owner', 'manager'] })
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiOkResponse({
    type: ApiKeyListDto,
    description: 'Every key of the organisation, revoked ones too; never the secret.',
  })
  list(@CurrentAuth() auth: AuthContext): Promise<ApiKeyListResponse> {
    return this.apiKeys.list({ orgId: auth.orgId });
  }

  @Post()
  @ApiCreatedResponse({ type: CreatedApiKeyDto, description: 'The key is in the answer this once only.' })
  create(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKey> {
    return this.apiKeys.create({ auth, ip, name: body.name, scopes: body.scopes });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: requests with it now get 401. Revoking twice is harmless.' })
  @ApiNotFoundResponse({ description: 'api_key_not_found' })
  revoke(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.apiKeys.revoke({ auth, ip, id });
  }
}
