import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Creative } from '@resonance/contracts';
import { Auth, ClientIp, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { CreativesService } from './creatives.service.js';
import { DeleteQueryDto } from './dto/campaign.dto.js';
import { CreativeDto, UpdateCreativeDto } from './dto/creative.dto.js';

@ApiTags('campaigns')
@Controller('creatives')
@Auth({ roles: ['owner', 'manager'] })
export class CreativesController {
  constructor(private readonly creatives: CreativesService) {}

  @Patch(':id')
  @ApiOkResponse({ type: CreativeDto, description: 'Updated; needsDetails becomes false' })
  @ApiNotFoundResponse({ description: 'creative_not_found' })
  @ApiConflictResponse({ description: 'creative_key_taken' })
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCreativeDto,
  ): Promise<Creative> {
    return this.creatives.update({ orgId: auth.orgId, id, changes: body });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted (and, with deleteData=true, its figures).' })
  @ApiNotFoundResponse({ description: 'creative_not_found' })
  @ApiConflictResponse({ description: 'has_data: the creative has recorded figures and deleteData was not true' })
  remove(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeleteQueryDto,
  ): Promise<void> {
    return this.creatives.remove({ auth, ip, id, deleteData: query.deleteData === 'true' });
  }
}
