import { ApiPropertyOptional } from '@nestjs/swagger';
import { ANALYTICS_METRIC_IDS, GRANULARITIES, type Granularity } from '@resonance/contracts';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { AnalyticsQueryDto } from '../../analytics/dto/analytics-query.dto.js';

const METRIC = `(${ANALYTICS_METRIC_IDS.join('|')})`;
const METRIC_LIST = new RegExp(`^${METRIC}(,${METRIC})*$`);

/** The screen's query, plus `by` (breakdown) and `granularity` (timeseries). */
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
    description: `segments only: the screen's metrics, comma-separated (${ANALYTICS_METRIC_IDS.join(', ')}); each gives this period, previous period, change and change %. Omitted: every metric`,
  })
  @IsOptional()
  @Matches(METRIC_LIST, {
    message: `metric must be one or more of ${ANALYTICS_METRIC_IDS.join(', ')}, comma-separated (e.g. metric=impressions,engagementRate)`,
  })
  metric?: string;
}
