import { ApiPropertyOptional } from '@nestjs/swagger';
import { ANALYTICS_METRIC_IDS, GRANULARITIES, SHARE_METRICS, type Granularity } from '@resonance/contracts';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AnalyticsQueryDto } from '../../analytics/dto/analytics-query.dto.js';

const METRIC = `(${ANALYTICS_METRIC_IDS.join('|')})`;
const METRIC_LIST = new RegExp(`^${METRIC}(,${METRIC})*$`);
const SHARE = `(${SHARE_METRICS.join('|')})`;
const SHARE_LIST = new RegExp(`^${SHARE}(,${SHARE})*$`);

/**
 * The screen's query, plus `by` (breakdown), `granularity` (timeseries), the screen's columns:
 * `metric` (summary, timeseries, breakdown, segments) and `share` (breakdown), and `panel` (compare:
 * which of the compared segments' panels).
 */
export class ExportQueryDto extends AnalyticsQueryDto {
  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'day', description: 'timeseries only' })
  @IsOptional()
  @IsIn(GRANULARITIES, { message: `granularity must be one of ${GRANULARITIES.join(', ')}` })
  granularity?: Granularity;

  @ApiPropertyOptional({ example: 'ageBand,gender', description: 'breakdown only: one or two dimensions' })
  @IsOptional()
  @IsString({ message: 'by must name one or two dimensions, e.g. by=ageBand or by=ageBand,gender' })
  @MaxLength(40)
  by?: string;

  @ApiPropertyOptional({
    example: 'engagementRate',
    description:
      `summary, timeseries, breakdown, segments: the screen's metrics, comma-separated (${ANALYTICS_METRIC_IDS.join(', ')}), ` +
      'in the order given. Timeseries: each metric per bucket (and per compared bucket); breakdown: each metric per row ' +
      '(and its changes when compared); segments: this period, previous period, change and change %; summary: one row ' +
      'each. Omitted: every metric (and, for a breakdown, the share of impressions)',
  })
  @IsOptional()
  @Matches(METRIC_LIST, {
    message: `metric must be one or more of ${ANALYTICS_METRIC_IDS.join(', ')}, comma-separated (e.g. metric=impressions,engagementRate)`,
  })
  metric?: string;

  @ApiPropertyOptional({
    example: 'impressions',
    description: `breakdown with metric only: the shares of the de-duplicated total to add, comma-separated (${SHARE_METRICS.join(', ')})`,
  })
  @IsOptional()
  @Matches(SHARE_LIST, {
    message: `share must be one or more of ${SHARE_METRICS.join(', ')}, comma-separated (e.g. share=impressions)`,
  })
  share?: string;

  @ApiPropertyOptional({
    example: 'preset:young-adults',
    description:
      "compare only: the segment whose panel to export, one of the segments compared (`segment`, or the server's " +
      'default segments when none is named)',
  })
  @IsOptional()
  @IsString({ message: 'panel must be one segment id, e.g. panel=preset:young-adults' })
  @MaxLength(100, { message: 'panel must be one segment id, e.g. panel=preset:young-adults' })
  panel?: string;
}
