import { ApiProperty } from '@nestjs/swagger';
import {
  KEY_PATTERN,
  KEY_RULE,
  type Campaign,
  type CampaignListResponse,
  type CreateCampaignRequest,
  type UpdateCampaignRequest,
} from '@resonance/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateCampaignDto implements CreateCampaignRequest {
  @ApiProperty({
    example: 'mham-2026',
    pattern: KEY_PATTERN.source,
    description: `The organisation's own slug: ${KEY_RULE}`,
  })
  @IsString({ message: 'key must be a string' })
  @Matches(KEY_PATTERN, { message: `key must be ${KEY_RULE}` })
  key: string;

  @ApiProperty({ example: 'Mental Health Awareness Month 2026', maxLength: 200 })
  @IsString({ message: 'name must be a string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name: string;

  @ApiProperty({ required: false, type: String, nullable: true, maxLength: 500, example: 'Raise help-line awareness' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString({ message: 'objective must be a string' })
  @MaxLength(500, { message: 'objective must be at most 500 characters' })
  objective?: string | null;

  @ApiProperty({ required: false, type: String, format: 'date', nullable: true, example: '2026-05-01' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(DATE_ONLY, { message: 'startsOn must be a date as YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'startsOn must be a real calendar date (YYYY-MM-DD)' })
  startsOn?: string | null;

  @ApiProperty({ required: false, type: String, format: 'date', nullable: true, example: '2026-05-31' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(DATE_ONLY, { message: 'endsOn must be a date as YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'endsOn must be a real calendar date (YYYY-MM-DD)' })
  endsOn?: string | null;

  @ApiProperty({ required: false, type: [String], example: ['may', 'awareness-month'] })
  @IsOptional()
  @IsArray({ message: 'tags must be an array of strings' })
  @ArrayMaxSize(50, { message: 'tags may hold at most 50 entries' })
  @IsString({ each: true, message: 'each tag must be a string' })
  @MaxLength(60, { each: true, message: 'each tag must be at most 60 characters' })
  tags?: string[];
}

export class UpdateCampaignDto implements UpdateCampaignRequest {
  @ApiProperty({ required: false, pattern: KEY_PATTERN.source })
  @IsOptional()
  @IsString({ message: 'key must be a string' })
  @Matches(KEY_PATTERN, { message: `key must be ${KEY_RULE}` })
  key?: string;

  @ApiProperty({ required: false, maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'name must be a string' })
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string;

  @ApiProperty({ required: false, type: String, nullable: true })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString({ message: 'objective must be a string' })
  @MaxLength(500, { message: 'objective must be at most 500 characters' })
  objective?: string | null;

  @ApiProperty({ required: false, type: String, format: 'date', nullable: true })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(DATE_ONLY, { message: 'startsOn must be a date as YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'startsOn must be a real calendar date (YYYY-MM-DD)' })
  startsOn?: string | null;

  @ApiProperty({ required: false, type: String, format: 'date', nullable: true })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(DATE_ONLY, { message: 'endsOn must be a date as YYYY-MM-DD' })
  @IsDateString({ strict: true }, { message: 'endsOn must be a real calendar date (YYYY-MM-DD)' })
  endsOn?: string | null;

  @ApiProperty({ required: false, type: [String] })
  @IsOptional()
  @IsArray({ message: 'tags must be an array of strings' })
  @ArrayMaxSize(50, { message: 'tags may hold at most 50 entries' })
  @IsString({ each: true, message: 'each tag must be a string' })
  @MaxLength(60, { each: true, message: 'each tag must be at most 60 characters' })
  tags?: string[];
}

export class ListQueryDto {
  @ApiProperty({ required: false, minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(500, { message: 'limit must be at most 500' })
  limit?: number;

  @ApiProperty({ required: false, minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must be 0 or more' })
  offset?: number;
}

export class DeleteQueryDto {
  @ApiProperty({
    required: false,
    default: false,
    description:
      'Also delete the events, rollups and reported figures recorded for it. Without it, a delete with data is refused (409).',
  })
  @IsOptional()
  @IsString()
  @Matches(/^(true|false)$/, { message: 'deleteData must be true or false' })
  deleteData?: string;
}

export class CampaignDto implements Campaign {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) objective: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startsOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endsOn: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty() creativeCount: number;
  @ApiProperty({ description: 'Creatives registered from events, waiting for their details' })
  creativesNeedingDetails: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CampaignListDto implements CampaignListResponse {
  @ApiProperty({ type: [CampaignDto] }) items: CampaignDto[];
  @ApiProperty() total: number;
}
