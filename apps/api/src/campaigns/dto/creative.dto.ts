import { ApiProperty } from '@nestjs/swagger';
import {
  CREATIVE_FORMATS,
  KEY_PATTERN,
  KEY_RULE,
  PLATFORMS,
  type CreateCreativeRequest,
  type Creative,
  type CreativeFormat,
  type CreativeListResponse,
  type Platform,
  type UpdateCreativeRequest,
} from '@resonance/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ListQueryDto } from './campaign.dto.js';

const PLATFORM_RULE = `platform must be one of ${PLATFORMS.join(', ')}`;
const FORMAT_RULE = `format must be one of ${CREATIVE_FORMATS.join(', ')}`;

export class CreateCreativeDto implements CreateCreativeRequest {
  @ApiProperty({ example: 'ad-1', pattern: KEY_PATTERN.source, description: `Unique within the campaign: ${KEY_RULE}` })
  @IsString({ message: 'key must be a string' })
  @Matches(KEY_PATTERN, { message: `key must be ${KEY_RULE}` })
  key: string;

  @ApiProperty({ example: 'Talking helps — 15 s', maxLength: 200 })
  @IsString({ message: 'name must be a string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name: string;

  @ApiProperty({ enum: PLATFORMS })
  @IsIn(PLATFORMS, { message: PLATFORM_RULE })
  platform: Platform;

  @ApiProperty({ enum: CREATIVE_FORMATS })
  @IsIn(CREATIVE_FORMATS, { message: FORMAT_RULE })
  format: CreativeFormat;

  @ApiProperty({ required: false, type: String, nullable: true, example: 'reaching out' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString({ message: 'theme must be a string' })
  @MaxLength(100, { message: 'theme must be at most 100 characters' })
  theme?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true, description: 'The influencer or partner organisation' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString({ message: 'partner must be a string' })
  @MaxLength(200, { message: 'partner must be at most 200 characters' })
  partner?: string | null;

  @ApiProperty({ required: false, type: [String] })
  @IsOptional()
  @IsArray({ message: 'tags must be an array of strings' })
  @ArrayMaxSize(50, { message: 'tags may hold at most 50 entries' })
  @IsString({ each: true, message: 'each tag must be a string' })
  @MaxLength(60, { each: true, message: 'each tag must be at most 60 characters' })
  tags?: string[];

  @ApiProperty({ required: false, type: [String], description: 'Platform ids of the post or ad' })
  @IsOptional()
  @IsArray({ message: 'externalIds must be an array of strings' })
  @ArrayMaxSize(20, { message: 'externalIds may hold at most 20 entries' })
  @IsString({ each: true, message: 'each external id must be a string' })
  @MaxLength(200, { each: true, message: 'each external id must be at most 200 characters' })
  externalIds?: string[];
}

export class UpdateCreativeDto implements UpdateCreativeRequest {
  @ApiProperty({ required: false, pattern: KEY_PATTERN.source })
  @IsOptional()
  @IsString({ message: 'key must be a string' })
  @Matches(KEY_PATTERN, { message: `key must be ${KEY_RULE}` })
  key?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string;

  @ApiProperty({ required: false, enum: PLATFORMS })
  @IsOptional()
  @IsIn(PLATFORMS, { message: PLATFORM_RULE })
  platform?: Platform;

  @ApiProperty({ required: false, enum: CREATIVE_FORMATS })
  @IsOptional()
  @IsIn(CREATIVE_FORMATS, { message: FORMAT_RULE })
  format?: CreativeFormat;

  @ApiProperty({ required: false, type: String, nullable: true })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString({ message: 'theme must be a string' })
  @MaxLength(100, { message: 'theme must be at most 100 characters' })
  theme?: string | null;

  @ApiProperty({ required: false, type: String, nullable: true })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString({ message: 'partner must be a string' })
  @MaxLength(200, { message: 'partner must be at most 200 characters' })
  partner?: string | null;

  @ApiProperty({ required: false, type: [String] })
  @IsOptional()
  @IsArray({ message: 'tags must be an array of strings' })
  @ArrayMaxSize(50, { message: 'tags may hold at most 50 entries' })
  @IsString({ each: true, message: 'each tag must be a string' })
  @MaxLength(60, { each: true, message: 'each tag must be at most 60 characters' })
  tags?: string[];

  @ApiProperty({ required: false, type: [String] })
  @IsOptional()
  @IsArray({ message: 'externalIds must be an array of strings' })
  @ArrayMaxSize(20, { message: 'externalIds may hold at most 20 entries' })
  @IsString({ each: true, message: 'each external id must be a string' })
  @MaxLength(200, { each: true, message: 'each external id must be at most 200 characters' })
  externalIds?: string[];
}

export class CreativeListQueryDto extends ListQueryDto {
  @ApiProperty({
    required: false,
    description: 'Only creatives waiting for details (true) or only complete ones (false)',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'needsDetails must be true or false' })
  needsDetails?: boolean;
}

export class CreativeDto implements Creative {
  @ApiProperty() id: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PLATFORMS }) platform: Platform;
  @ApiProperty({ enum: CREATIVE_FORMATS }) format: CreativeFormat;
  @ApiProperty({ type: String, nullable: true }) theme: string | null;
  @ApiProperty({ type: String, nullable: true }) partner: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [String] }) externalIds: string[];
  @ApiProperty({ description: 'Registered from an event; its details are still to fill in' }) needsDetails: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CreativeListDto implements CreativeListResponse {
  @ApiProperty({ type: [CreativeDto] }) items: CreativeDto[];
  @ApiProperty() total: number;
}
