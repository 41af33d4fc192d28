import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SAVED_VIEW_PAGES,
  SHARE_LINK_MAX_DAYS,
  SHARED_BREAKDOWNS,
  type CreatedShareLink,
  type CreateShareLinkRequest,
  type OpenSharedViewRequest,
  type SavedViewPage,
  type ShareLink,
  type ShareLinkListResponse,
  type ShareLinkStatus,
  type SharedBreakdown,
  type SharedView,
  type SharedViewSession,
} from '@resonance/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';

export class CreateShareLinkDto implements CreateShareLinkRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'savedViewId must be the id of a saved view' })
  savedViewId: string;

  @ApiProperty({ minimum: 1, maximum: SHARE_LINK_MAX_DAYS, example: 30 })
  @Type(() => Number)
  @IsInt({ message: 'expiresInDays must be a whole number of days' })
  @Min(1, { message: 'expiresInDays must be at least 1' })
  @Max(SHARE_LINK_MAX_DAYS, { message: `expiresInDays must be at most ${SHARE_LINK_MAX_DAYS}` })
  expiresInDays: number;

  @ApiPropertyOptional({ minLength: 8, maxLength: 200, description: 'The viewer types it before the view opens' })
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'password must be at least 8 characters' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  password?: string;
}

export class OpenSharedViewDto implements OpenSharedViewRequest {
  @ApiProperty({ description: 'The token from the link (/shared/<token>)' })
  @IsString()
  @MinLength(1, { message: 'token must not be empty' })
  @MaxLength(200, { message: 'token is at most 200 characters' })
  token: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  password?: string;
}

/** Shared-view routes take no filters: the view fixes them. Any query parameter is refused. */
export class NoFiltersQueryDto {}

export class SharedBreakdownQueryDto {
  @ApiProperty({ enum: SHARED_BREAKDOWNS })
  @IsIn(SHARED_BREAKDOWNS, { message: `by must be one of ${SHARED_BREAKDOWNS.join(', ')}` })
  by: SharedBreakdown;
}

export class ShareLinkDto implements ShareLink {
  @ApiProperty() id: string;
  @ApiProperty() savedViewId: string;
  @ApiProperty() savedViewName: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status: ShareLinkStatus;
  @ApiProperty() hasPassword: boolean;
  @ApiProperty({ description: 'Times the link was opened' }) openCount: number;
  @ApiProperty({ nullable: true, type: String }) lastOpenedAt: string | null;
}

export class CreatedShareLinkDto extends ShareLinkDto implements CreatedShareLink {
  @ApiProperty({ description: 'Shown once; only its hash is stored' }) token: string;
  @ApiProperty({ example: '/shared/rsv_…' }) path: string;
}

export class ShareLinkListDto implements ShareLinkListResponse {
  @ApiProperty({ type: [ShareLinkDto] }) items: ShareLink[];
  @ApiProperty() total: number;
}

export class SharedViewDto implements SharedView {
  @ApiProperty() name: string;
  @ApiProperty({ enum: SAVED_VIEW_PAGES }) page: SavedViewPage;
  @ApiProperty() organizationName: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) period: SharedView['period'];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) comparison: SharedView['comparison'];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) campaign: SharedView['campaign'];
  @ApiProperty({ nullable: true, type: String }) platform: SharedView['platform'];
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) segment: SharedView['segment'];
  @ApiProperty() expiresAt: string;
}

export class SharedViewSessionDto implements SharedViewSession {
  @ApiProperty({ description: "Send as 'Authorization: Share <accessToken>' to the /shared routes" })
  accessToken: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ type: SharedViewDto }) view: SharedView;
}
