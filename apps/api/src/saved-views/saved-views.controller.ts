import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { SavedView, SavedViewListResponse } from '@resonance/contracts';
import { ALL_ROLES, Auth, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { CreateSavedViewDto, SavedViewDto, SavedViewListDto } from './dto/saved-view.dto.js';
import { SavedViewsService } from './saved-views.service.js';

const WRITERS = ['owner', 'manager', 'analyst'] as const;

@ApiTags('saved views')
@Controller('saved-views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  @Auth({ roles: ALL_ROLES })
  @ApiOkResponse({ type: SavedViewListDto, description: "The organisation's saved views by name." })
  list(@CurrentAuth() auth: AuthContext): Promise<SavedViewListResponse> {
    return this.views.list({ orgId: auth.orgId });
  }

  @Get(':id')
  @Auth({ roles: ALL_ROLES })
  @ApiOkResponse({ type: SavedViewDto })
  @ApiNotFoundResponse({ description: 'saved_view_not_found' })
  get(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<SavedView> {
    return this.views.get({ orgId: auth.orgId, id });
  }

  @Post()
  @Auth({ roles: WRITERS })
  @ApiCreatedResponse({ type: SavedViewDto })
  @ApiBadRequestResponse({ description: 'validation_failed, invalid_view_filters (details.field names the filter)' })
  @ApiConflictResponse({ description: 'saved_view_name_taken' })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateSavedViewDto): Promise<SavedView> {
    return this.views.create({ auth, request: body });
  }

  @Delete(':id')
  @Auth({ roles: WRITERS })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its share links.' })
  @ApiNotFoundResponse({ description: 'saved_view_not_found' })
  remove(@CurrentAuth() auth: AuthContext, @Param('id') id: string): Promise<void> {
    return this.views.remove({ auth, id });
  }
}
