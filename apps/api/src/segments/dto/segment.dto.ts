import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGE_BANDS,
  GENDERS,
  PLATFORMS,
  type AgeBand,
  type AudienceSizeRequest,
  type AudienceSizeResponse,
  type CreateSegmentRequest,
  type Gender,
  type Platform,
  type Segment,
  type SegmentListResponse,
  type SegmentRules,
  type SuppressibleCount,
  type SuppressionInfo,
  type UpdateSegmentRequest,
} from '@resonance/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

const FREE_VALUE = /^[\p{L}\p{N} _.\-/()+&']{1,64}$/u;
const FREE_VALUE_MESSAGE = (field: string) =>
  `each ${field} value must be 1–64 letters, digits, spaces or _ . - / ( ) + & '`;

/** AND across dimensions, OR within one. Each list, when present, names at least one value. */
export class SegmentRulesDto implements SegmentRules {
  @ApiPropertyOptional({ enum: AGE_BANDS, isArray: true, example: ['13-17', '18-24'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'rules.ageBand must name at least one band, or be left out' })
  @ArrayUnique({ message: 'rules.ageBand must not repeat a band' })
  @IsIn(AGE_BANDS, { each: true, message: `each rules.ageBand must be one of ${AGE_BANDS.join(', ')}` })
  ageBand?: AgeBand[];

  @ApiPropertyOptional({ enum: GENDERS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'rules.gender must name at least one value, or be left out' })
  @ArrayUnique({ message: 'rules.gender must not repeat a value' })
  @IsIn(GENDERS, { each: true, message: `each rules.gender must be one of ${GENDERS.join(', ')}` })
  gender?: Gender[];

  @ApiPropertyOptional({ type: [String], example: ['DE', 'AT'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'rules.region must name at least one region, or be left out' })
  @ArrayMaxSize(200)
  @ArrayUnique({ message: 'rules.region must not repeat a value' })
  @Matches(FREE_VALUE, { each: true, message: FREE_VALUE_MESSAGE('rules.region') })
  region?: string[];

  @ApiPropertyOptional({ type: [String], example: ['de', 'en'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'rules.language must name at least one language, or be left out' })
  @ArrayMaxSize(200)
  @ArrayUnique({ message: 'rules.language must not repeat a value' })
  @Matches(FREE_VALUE, { each: true, message: FREE_VALUE_MESSAGE('rules.language') })
  language?: string[];

  @ApiPropertyOptional({ enum: PLATFORMS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'rules.platform must name at least one platform, or be left out' })
  @ArrayUnique({ message: 'rules.platform must not repeat a platform' })
  @IsIn(PLATFORMS, { each: true, message: `each rules.platform must be one of ${PLATFORMS.join(', ')}` })
  platform?: Platform[];
}

export class CreateSegmentDto implements CreateSegmentRequest {
  @ApiProperty({ example: 'Gen Z in Germany', maxLength: 100 })
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'description must be at most 500 characters' })
  description?: string | null;

  @ApiProperty({ type: SegmentRulesDto, description: 'AND across dimensions, OR within one. {} matches everyone.' })
  @IsObject({ message: 'rules must be an object such as { "ageBand": ["18-24"], "platform": ["tiktok"] }' })
  @ValidateNested()
  @Type(() => SegmentRulesDto)
  rules: SegmentRulesDto;
}

export class UpdateSegmentDto implements UpdateSegmentRequest {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'description must be at most 500 characters' })
  description?: string | null;

  @ApiPropertyOptional({ type: SegmentRulesDto })
  @IsOptional()
  @IsObject({ message: 'rules must be an object such as { "ageBand": ["18-24"] }' })
  @ValidateNested()
  @Type(() => SegmentRulesDto)
  rules?: SegmentRulesDto;
}

export class AudienceSizeDto implements AudienceSizeRequest {
  @ApiProperty({ type: SegmentRulesDto })
  @IsObject({ message: 'rules must be an object such as { "ageBand": ["18-24"] }' })
  @ValidateNested()
  @Type(() => SegmentRulesDto)
  rules: SegmentRulesDto;

  @ApiPropertyOptional({ description: 'Campaign key or id' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  campaign?: string;

  @ApiPropertyOptional({ example: '2026-03-01', description: 'Default: 89 days before `to`' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-05-29', description: "Default: today in the organisation's time zone" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

export class SegmentDto implements Segment {
  @ApiProperty({ description: 'uuid, or preset:… for a read-only preset' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: SegmentRulesDto }) rules: SegmentRules;
  @ApiProperty() isPreset: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt: string | null;
}

export class SegmentListDto implements SegmentListResponse {
  @ApiProperty({ type: [SegmentDto] }) items: SegmentDto[];
  @ApiProperty() total: number;
}

export class SuppressionInfoDto implements SuppressionInfo {
  @ApiProperty() threshold: number;
  @ApiProperty({ example: '<11' }) label: string;
  @ApiProperty({ enum: ['cell-key perturbation'] }) method: 'cell-key perturbation';
  @ApiProperty({ example: 5, description: 'Every published count is within ± this of the true count' })
  maxPerturbation: number;
  @ApiProperty() note: string;
}

export class AudienceSizeResponseDto implements AudienceSizeResponse {
  @ApiProperty({ description: 'A number, or { suppressed: true } under the threshold' }) impressions: SuppressibleCount;
  @ApiProperty({ description: 'Distinct members; a number or { suppressed: true }' }) reach: SuppressibleCount;
  @ApiProperty({
    enum: ['exact', 'sketch'],
    description: 'sketch: over 2,048 people, estimated (relative standard error 0.41%)',
  })
  reachMethod: 'exact' | 'sketch';
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: SuppressionInfoDto }) suppression: SuppressionInfo;
}
