import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  KEY_PATTERN,
  KEY_RULE,
  OBSERVANCE_REGION_PATTERN,
  PLANNING_SEGMENTS,
  type CreateObservanceRequest,
  type LinkCampaignRequest,
  type ObservanceRuleJson,
  type PlanCampaignRequest,
} from '@resonance/contracts';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const REGIONS_PARAM = /^(global|[A-Z]{2})(,(global|[A-Z]{2}))*$/;
const REGION_HELP =
  "comma-separated region codes: 'global' or upper-case two-letter codes (UK, US, CA, AU…); global observances are always included";
const SEGMENT_HELP = `comma-separated segment ids: ${PLANNING_SEGMENTS.map((s) => s.id).join(', ')}`;

export class ObservanceYearQueryDto {
  @ApiProperty({ example: 2027, minimum: 1900, maximum: 2200 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole number, e.g. 2027' })
  @Min(1900, { message: 'year must be from 1900 to 2200' })
  @Max(2200, { message: 'year must be from 1900 to 2200' })
  year: number;

  @ApiPropertyOptional({ description: REGION_HELP, example: 'UK' })
  @IsOptional()
  @Matches(REGIONS_PARAM, { message: `region must be ${REGION_HELP}` })
  region?: string;
}

export class UpcomingQueryDto {
  @ApiPropertyOptional({ description: 'First day (YYYY-MM-DD); default today (UTC)', example: '2027-07-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date written YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 24, default: 12 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'months must be a whole number from 1 to 24' })
  @Min(1, { message: 'months must be a whole number from 1 to 24' })
  @Max(24, { message: 'months must be a whole number from 1 to 24' })
  months?: number;

  @ApiPropertyOptional({ description: REGION_HELP, example: 'US' })
  @IsOptional()
  @Matches(REGIONS_PARAM, { message: `region must be ${REGION_HELP}` })
  region?: string;
}

export class CreateObservanceDto implements CreateObservanceRequest {
  @ApiProperty({ example: 'our-helpline-day', description: 'lower-case letters, digits and single hyphens' })
  @IsString()
  @MaxLength(80, { message: 'slug must be at most 80 characters' })
  @Matches(SLUG, { message: 'slug must be lower-case letters, digits and single hyphens (e.g. our-helpline-day)' })
  slug: string;

  @ApiProperty({ example: 'Our helpline day' })
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name: string;

  @ApiProperty({ example: 'UK', description: "'global' or an upper-case two-letter region code" })
  @IsString()
  @Matches(OBSERVANCE_REGION_PATTERN, {
    message: "region must be 'global' or an upper-case two-letter code such as UK or US",
  })
  region: string;

  @ApiProperty({
    description: 'The rule (see ObservanceRuleJson); every problem is listed in the 400 details',
    example: { kind: 'nth_weekday', month: 3, weekday: 2, n: 1 },
  })
  @IsObject({ message: 'rule must be an object such as {"kind":"fixed_day","month":10,"day":10}' })
  rule: ObservanceRuleJson;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'organiser must be at most 200 characters' })
  organiser?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) address' })
  @MaxLength(500, { message: 'url must be at most 500 characters' })
  url?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { message: 'description must be at most 2000 characters' })
  description?: string | null;
}

export class LinkCampaignDto implements LinkCampaignRequest {
  @ApiPropertyOptional({ example: 2027, description: 'Which year’s occurrence; default: nearest the campaign window' })
  @IsOptional()
  @IsInt({ message: 'year must be a whole number from 1900 to 2200' })
  @Min(1900, { message: 'year must be a whole number from 1900 to 2200' })
  @Max(2200, { message: 'year must be a whole number from 1900 to 2200' })
  year?: number;
}

export class PlanCampaignDto implements PlanCampaignRequest {
  @ApiProperty({ example: 2027 })
  @IsInt({ message: 'year must be a whole number from 1900 to 2200' })
  @Min(1900, { message: 'year must be a whole number from 1900 to 2200' })
  @Max(2200, { message: 'year must be a whole number from 1900 to 2200' })
  year: number;

  @ApiProperty({ example: 'World Mental Health Day 2027' })
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name: string;

  @ApiPropertyOptional({ description: `Default <slug>-<year>. ${KEY_RULE}` })
  @IsOptional()
  @Matches(KEY_PATTERN, { message: `key must be ${KEY_RULE}` })
  key?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500, { message: 'objective must be at most 500 characters' })
  objective?: string | null;
}

export class YoyQueryDto {
  @ApiProperty({ description: 'Observance id or slug', example: 'world-mental-health-day' })
  @IsString()
  @MinLength(1, { message: 'observance must be an observance id or slug' })
  observance: string;

  @ApiPropertyOptional({ description: `${SEGMENT_HELP}; default everyone and each age band` })
  @IsOptional()
  @IsString()
  segment?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 60,
    default: 0,
    description: 'Days before each year’s occurrence to include',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'leadDays must be a whole number from 0 to 60' })
  @Min(0, { message: 'leadDays must be a whole number from 0 to 60' })
  @Max(60, { message: 'leadDays must be a whole number from 0 to 60' })
  leadDays?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 60,
    default: 0,
    description: 'Days after each year’s occurrence to include',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'lagDays must be a whole number from 0 to 60' })
  @Min(0, { message: 'lagDays must be a whole number from 0 to 60' })
  @Max(60, { message: 'lagDays must be a whole number from 0 to 60' })
  lagDays?: number;
}

export class RecommendationsQueryDto {
  @ApiProperty({ description: 'Observance id or slug', example: 'world-mental-health-day' })
  @IsString()
  @MinLength(1, { message: 'observance must be an observance id or slug' })
  observance: string;

  @ApiPropertyOptional({ description: `${SEGMENT_HELP}; default everyone and each age band` })
  @IsOptional()
  @IsString()
  segment?: string;
}

const NUMBER_MESSAGE = (name: string, range: string): { message: string } => ({
  message: `${name} must be a number ${range}`,
});

export class SampleSizeQueryDto {
  @ApiProperty({ example: 0.02, description: 'Baseline engagement rate, a fraction strictly between 0 and 1' })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER_MESSAGE('baselineRate', 'strictly between 0 and 1'))
  baselineRate: number;

  @ApiPropertyOptional({ example: 0.1, description: 'Relative lift to detect (0.1 = +10%); or send impressionsPerArm' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER_MESSAGE('minRelativeLift', 'greater than 0'))
  minRelativeLift?: number;

  @ApiPropertyOptional({
    example: 50000,
    description: 'Impressions per creative per segment: returns the smallest detectable lift',
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER_MESSAGE('impressionsPerArm', 'of at least 1'))
  impressionsPerArm?: number;

  @ApiPropertyOptional({ example: 0.05, default: 0.05 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER_MESSAGE('alpha', 'strictly between 0 and 1'))
  alpha?: number;

  @ApiPropertyOptional({ example: 0.8, default: 0.8 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER_MESSAGE('power', 'strictly between 0 and 1'))
  power?: number;

  @ApiPropertyOptional({ example: 2, default: 2, description: 'Creatives compared, including the control (2–20)' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false }, NUMBER_MESSAGE('arms', 'from 2 to 20'))
  arms?: number;
}
