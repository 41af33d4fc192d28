import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  AGE_BANDS,
  ANALYTICS_MAX_SPAN_DAYS,
  COMPARE_MODES,
  GENDERS,
  GRANULARITIES,
  MAX_BREAKDOWNS_PER_REQUEST,
  PLATFORMS,
  type AgeBand,
  type AnalyticsQuery,
  type BreakdownQuery,
  type BreakdownsQuery,
  type CompareMode,
  type Gender,
  type Granularity,
  type Platform,
  type TimeseriesQuery,
} from '@resonance/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Repeatable query parameters arrive as a string or an array; commas also separate values. */
function toList({ value }: { value: unknown }): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  const items = Array.isArray(value) ? value : [value];
  return items
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
    .map((v) => (typeof v === 'string' ? v.trim() : v));
}

const FREE_VALUE = /^[\p{L}\p{N} _.\-/()+&']{1,64}$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class AnalyticsQueryDto implements AnalyticsQuery {
  @ApiPropertyOptional({ description: 'Campaign key or id; absent = every campaign' })
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'campaign must be a campaign key or id (at most 200 characters)' })
  campaign?: string;

  @ApiProperty({ example: '2026-05-01', description: 'First day (inclusive), YYYY-MM-DD in tz' })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD, e.g. 2026-05-01' })
  from: string;

  @ApiProperty({
    example: '2026-05-31',
    description: `Last day (inclusive), YYYY-MM-DD in tz; from ≤ to, at most ${ANALYTICS_MAX_SPAN_DAYS} days`,
  })
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD, e.g. 2026-05-31' })
  to: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: "IANA time zone; default the organisation's" })
  @IsOptional()
  @IsString()
  @MaxLength(64, { message: 'tz must be an IANA time zone such as Europe/Berlin' })
  tz?: string;

  @ApiPropertyOptional({ enum: PLATFORMS, isArray: true, description: 'Repeatable' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(PLATFORMS.length)
  @IsIn(PLATFORMS, { each: true, message: `each platform must be one of ${PLATFORMS.join(', ')}` })
  platform?: Platform[];

  @ApiPropertyOptional({ enum: AGE_BANDS, isArray: true, description: 'Repeatable' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(AGE_BANDS.length)
  @IsIn(AGE_BANDS, { each: true, message: `each ageBand must be one of ${AGE_BANDS.join(', ')}` })
  ageBand?: AgeBand[];

  @ApiPropertyOptional({ enum: GENDERS, isArray: true, description: 'Repeatable' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(GENDERS.length)
  @IsIn(GENDERS, { each: true, message: `each gender must be one of ${GENDERS.join(', ')}` })
  gender?: Gender[];

  @ApiPropertyOptional({ type: [String], description: 'Repeatable' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(FREE_VALUE, { each: true, message: "each region must be 1–64 letters, digits, spaces or _ . - / ( ) + & '" })
  region?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Repeatable' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(FREE_VALUE, {
    each: true,
    message: "each language must be 1–64 letters, digits, spaces or _ . - / ( ) + & '",
  })
  language?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Creative keys or ids; repeatable' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(200, { each: true, message: 'each creative must be a creative key or id' })
  creative?: string[];

  @ApiPropertyOptional({
    type: [String],
    description:
      'Saved or preset segment ids. summary/timeseries/breakdown/insights: at most one, used as a filter. ' +
      'segments/creatives: the segments to report (default: the age presets, plus Everyone when the range holds ' +
      'figures reported without an audience breakdown, such as Instagram or X posts).',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(20, { message: 'at most 20 segments per request' })
  @IsString({ each: true })
  @MaxLength(100, { each: true, message: 'each segment must be a segment id' })
  segment?: string[];

  @ApiPropertyOptional({
    enum: COMPARE_MODES,
    description:
      'previous: also the previous period of equal length; yearEarlier: also the same dates a year earlier ' +
      '(29 February → 28 February), so a page comparing with last year needs one request',
  })
  @IsOptional()
  @IsIn(COMPARE_MODES, { message: `compare must be one of ${COMPARE_MODES.join(', ')}` })
  compare?: CompareMode;
}

export class TimeseriesQueryDto extends AnalyticsQueryDto implements TimeseriesQuery {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'day' })
  @IsOptional()
  @IsIn(GRANULARITIES, { message: `granularity must be one of ${GRANULARITIES.join(', ')}` })
  granularity?: Granularity;
}

export class BreakdownsQueryDto extends AnalyticsQueryDto implements BreakdownsQuery {
  @ApiProperty({
    example: 'ageBand,gender,platform,region',
    description: `Up to ${MAX_BREAKDOWNS_PER_REQUEST} dimensions, each its own one-dimension breakdown`,
  })
  @IsString({ message: 'each must name the dimensions to break down by, e.g. each=ageBand,gender' })
  @MaxLength(120)
  each: string;
}

export class BreakdownQueryDto extends AnalyticsQueryDto implements BreakdownQuery {
  @ApiProperty({
    example: 'ageBand,gender',
    description: 'One or two dimensions: ageBand, gender, region, language, platform, creative, format, theme, partner',
  })
  @IsString({ message: 'by must name one or two dimensions, e.g. by=ageBand or by=ageBand,gender' })
  @MaxLength(40)
  by: string;
}
