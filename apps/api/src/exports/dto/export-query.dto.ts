import { ApiPropertyOptional } from '@nestjs/swagger';
import { ANALYTICS_METRIC_IDS, GRANULARITIES, type AnalyticsMetricId, type Granularity } from '@resonance/contracts';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AnalyticsQueryDto } from '../../analytics/dto/analytics-query.dto.js';

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
    enum: ANALYTICS_METRIC_IDS,
    description:
      "segments only: the screen's one metric (this period, previous period, change, change %); omitted: every metric",
  })
  @IsOptional()
  @IsIn(ANALYTICS_METRIC_IDS, { message: `metric must be one of ${ANALYTICS_METRIC_IDS.join(', ')}` })
  metric?: AnalyticsMetricId;
}
