import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Campaign, CampaignListResponse, Creative, CreativeListResponse } from '@resonance/contracts';
import { ALL_ROLES, Auth, ClientIp, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { CampaignsService } from './campaigns.service.js';
import { CreativesService } from './creatives.service.js';
import {
  CampaignDto,
  CampaignListDto,
  CreateCampaignDto,
  DeleteQueryDto,
  ListQueryDto,
  UpdateCampaignDto,
} from './dto/campaign.dto.js';
import { CreateCreativeDto, CreativeDto, CreativeListDto, CreativeListQueryDto } from './dto/creative.dto.js';

const WRITERS = { roles: ['owner', 'manager'] } as const;
const READERS = { roles: ALL_ROLES, scopes: ['read'] } as const;

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly creatives: CreativesService,
  ) {}

  @Get()
  @Auth(READERS)
  @ApiOkResponse({ type: CampaignListDto })
  list(@CurrentAuth() auth: AuthContext, @Query() query: ListQueryDto): Promise<CampaignListResponse> {
    return this.campaigns.list({ orgId: auth.orgId, limit: query.limit, offset: query.offset });
  }

  @Post()
  @Auth(WRITERS)
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiConflictResponse({ description: 'campaign_key_taken: the organisation already has a campaign with this key' })
  create(@CurrentAuth() auth: AuthContext, @Body() body: CreateCampaignDto): Promise<Campaign> {
    return this.campaigns.create({ orgId: auth.orgId, input: body });
  }

  @Get(':id')
  @Auth(READERS)
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ description: 'campaign_not_found' })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<Campaign> {
    return this.campaigns.get({ orgId: auth.orgId, id });
  }

  @Patch(':id')
  @Auth(WRITERS)
  @ApiOkResponse({ type: CampaignDto })
  @ApiNotFoundResponse({ description: 'campaign_not_found' })
  @ApiConflictResponse({ description: 'campaign_key_taken' })
  update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCampaignDto,
  ): Promise<Campaign> {
    return this.campaigns.update({ orgId: auth.orgId, id, changes: body });
  }

  @Delete(':id')
  @Auth(WRITERS)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted with its creatives (and, with deleteData=true, its figures).' })
  @ApiNotFoundResponse({ description: 'campaign_not_found' })
  @ApiConflictResponse({ description: 'has_data: the campaign has recorded figures and deleteData was not true' })
  remove(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: DeleteQueryDto,
  ): Promise<void> {
    return this.campaigns.remove({ auth, ip, id, deleteData: query.deleteData === 'true' });
  }

  @Get(':id/creatives')
  @Auth(READERS)
  @ApiOkResponse({ type: CreativeListDto, description: 'Creatives waiting for details come first' })
  @ApiNotFoundResponse({ description: 'campaign_not_found' })
  listCreatives(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: CreativeListQueryDto,
  ): Promise<CreativeListResponse> {
    return this.creatives.list({
      orgId: auth.orgId,
      campaignId: id,
      needsDetails: query.needsDetails,
      limit: query.limit,
      offset: query.offset,
    });
  }

  @Post(':id/creatives')
  @Auth(WRITERS)
  @ApiCreatedResponse({ type: CreativeDto })
  @ApiNotFoundResponse({ description: 'campaign_not_found' })
  @ApiConflictResponse({ description: 'creative_key_taken: the campaign already has a creative with this key' })
  createCreative(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateCreativeDto,
  ): Promise<Creative> {
    return this.creatives.create({ orgId: auth.orgId, campaignId: id, input: body });
  }
}
