import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  PLANNING_SEGMENTS,
  RECOMMENDATION_DIMENSIONS,
  type DimensionRecommendations,
  type LinkedCampaign,
  type Observance,
  type ObservanceDetail,
  type ObservanceOccurrence,
  type ObservanceRuleJson,
  type ObservanceSource,
  type ObservanceYearResponse,
  type PlanningCount,
  type PlanningRate,
  type PlanningSegment,
  type PlanningSegmentId,
  type SuppressedValue,
  type AnalyticsSource,
  type RecommendationBasis,
  type RecommendationDimension,
  type RecommendationOption,
  type RecommendationsResponse,
  type SampleSizeResponse,
  type SegmentRecommendations,
  type UpcomingObservancesResponse,
  type YoyDelta,
  type YoyResponse,
  type YoyRow,
  type YoyYear,
} from '@resonance/contracts';

/** OpenAPI shapes of the planning answers (the contracts types are the source of truth). */

const SEGMENT_IDS = PLANNING_SEGMENTS.map((s) => s.id);
const SUPPRESSED: { type: 'object'; properties: Record<string, { type: 'boolean'; enum: boolean[] }> } = {
  type: 'object',
  properties: { suppressed: { type: 'boolean', enum: [true] } },
};
const COUNT: ApiPropertyOptions = {
  description: 'A count, or { suppressed: true } when it is below the suppression threshold',
  oneOf: [{ type: 'integer' }, SUPPRESSED],
};
const NUMBER_OR_HIDDEN: ApiPropertyOptions = { oneOf: [{ type: 'number' }, SUPPRESSED] };
const RATE: ApiPropertyOptions = {
  description: 'Fraction 0–1 with its Wilson 95% interval, or { suppressed: true } when one of its counts is hidden',
  oneOf: [
    {
      type: 'object',
      properties: {
        estimate: { type: 'number', nullable: true },
        lower: { type: 'number', nullable: true },
        upper: { type: 'number', nullable: true },
      },
    },
    SUPPRESSED,
  ],
};

export class ObservanceDto implements Observance {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'world-mental-health-day' }) slug: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'global' }) region: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { kind: 'fixed_day', month: 10, day: 10 } })
  rule: ObservanceRuleJson;
  @ApiProperty({ example: 'Every 10 October' }) ruleDescription: string;
  @ApiProperty({ type: String, nullable: true }) organiser: string | null;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ enum: ['catalogue', 'organization'] }) source: ObservanceSource;
}

export class ObservanceOccurrenceDto extends ObservanceDto implements ObservanceOccurrence {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ format: 'date', example: '2027-10-10' }) startsOn: string;
  @ApiProperty({ format: 'date', example: '2027-10-10' }) endsOn: string;
}

export class ObservanceYearDto implements ObservanceYearResponse {
  @ApiProperty({ type: [ObservanceOccurrenceDto] }) items: ObservanceOccurrenceDto[];
  @ApiProperty() total: number;
}

export class UpcomingObservancesDto extends ObservanceYearDto implements UpcomingObservancesResponse {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
}

export class LinkedCampaignDto implements LinkedCampaign {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) startsOn: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) endsOn: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) observanceId: string | null;
  @ApiProperty({ type: Number, nullable: true }) observanceYear: number | null;
}

class OccurrenceDatesDto {
  @ApiProperty() year: number;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
}

export class ObservanceDetailDto extends ObservanceDto implements ObservanceDetail {
  @ApiProperty({ type: [OccurrenceDatesDto], description: 'Last year to two years ahead' })
  occurrences: OccurrenceDatesDto[];
  @ApiProperty({ type: [LinkedCampaignDto] }) campaigns: LinkedCampaignDto[];
}

class PlanningSegmentDto implements PlanningSegment {
  @ApiProperty({ enum: SEGMENT_IDS }) id: PlanningSegmentId;
  @ApiProperty() label: string;
}

class YoyDeltaDto implements YoyDelta {
  @ApiProperty() previousYear: number;
  @ApiProperty(NUMBER_OR_HIDDEN) absoluteChange: number | SuppressedValue;
  @ApiProperty({ ...NUMBER_OR_HIDDEN, nullable: true }) relativeChange: number | null | SuppressedValue;
  @ApiProperty({ ...NUMBER_OR_HIDDEN, description: 'Two-sided pooled two-proportion z-test' })
  pValue: number | SuppressedValue;
}

class YoyRowDto implements YoyRow {
  @ApiProperty({ enum: SEGMENT_IDS }) segment: PlanningSegmentId;
  @ApiProperty(COUNT) impressions: PlanningCount;
  @ApiProperty(COUNT) engagements: PlanningCount;
  @ApiProperty(RATE) engagementRate: PlanningRate | SuppressedValue;
  @ApiProperty({ type: YoyDeltaDto, nullable: true }) vsPrevious: YoyDeltaDto | null;
}

class YoyCampaignDto {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
}

class YoyYearDto implements YoyYear {
  @ApiProperty() year: number;
  @ApiProperty({ format: 'date' }) windowStartsOn: string;
  @ApiProperty({ format: 'date' }) windowEndsOn: string;
  @ApiProperty({ type: [YoyCampaignDto] }) campaigns: YoyCampaignDto[];
  @ApiProperty({ type: [YoyRowDto] }) rows: YoyRowDto[];
}

export class YoyDto implements YoyResponse {
  @ApiProperty({ type: ObservanceDto }) observance: ObservanceDto;
  @ApiProperty({ type: [PlanningSegmentDto] }) segments: PlanningSegmentDto[];
  @ApiProperty() metricDefinition: string;
  @ApiProperty() leadDays: number;
  @ApiProperty() lagDays: number;
  @ApiProperty() suppressionThreshold: number;
  @ApiProperty({
    enum: ['cube_daily', 'rollup_daily', 'rollup_daily_creative', 'rollup_hourly'],
    nullable: true,
    description: 'Which store answered (the analytics cube or a rollup); null when nothing was read',
  })
  source: AnalyticsSource | null;
  @ApiProperty({ type: [YoyYearDto] }) years: YoyYearDto[];
}

class RecommendationOptionDto implements RecommendationOption {
  @ApiProperty({ description: "A format, platform or theme; '(none)' for creatives without a theme" }) value: string;
  @ApiProperty({ type: Number, nullable: true }) rank: number | null;
  @ApiProperty({ enum: ['ranked', 'not_enough_history'] }) status: 'ranked' | 'not_enough_history';
  @ApiProperty() creatives: number;
  @ApiProperty(COUNT) impressions: PlanningCount;
  @ApiProperty(COUNT) engagements: PlanningCount;
  @ApiProperty(RATE) engagementRate: PlanningRate | SuppressedValue;
}

class RecommendationDimensionDto implements DimensionRecommendations {
  @ApiProperty({ enum: RECOMMENDATION_DIMENSIONS }) dimension: RecommendationDimension;
  @ApiProperty({ enum: ['observance', 'all_campaigns'], description: 'Which history ranked this dimension' })
  basis: RecommendationBasis;
  @ApiProperty({ type: [RecommendationOptionDto] }) options: RecommendationOptionDto[];
}

class SegmentRecommendationsDto implements SegmentRecommendations {
  @ApiProperty({ type: PlanningSegmentDto }) segment: PlanningSegmentDto;
  @ApiProperty({ enum: ['observance', 'all_campaigns', 'mixed'] }) basis: RecommendationBasis | 'mixed';
  @ApiProperty({ enum: ['ok', 'not_enough_history'] }) status: 'ok' | 'not_enough_history';
  @ApiProperty() explanation: string;
  @ApiProperty({ type: [RecommendationDimensionDto] }) dimensions: RecommendationDimensionDto[];
}

export class RecommendationsDto implements RecommendationsResponse {
  @ApiProperty({ type: ObservanceDto }) observance: ObservanceDto;
  @ApiProperty() minImpressions: number;
  @ApiProperty() minCreatives: number;
  @ApiProperty() metricDefinition: string;
  @ApiProperty() suppressionThreshold: number;
  @ApiProperty({
    enum: ['cube_daily', 'rollup_daily', 'rollup_daily_creative', 'rollup_hourly'],
    nullable: true,
    description: 'Which store answered (the analytics cube or a rollup); null when nothing was read',
  })
  source: AnalyticsSource | null;
  @ApiProperty({ type: [SegmentRecommendationsDto] }) segments: SegmentRecommendationsDto[];
}

export class SampleSizeDto implements SampleSizeResponse {
  @ApiProperty({ enum: ['sample_size', 'minimum_detectable_lift'] }) mode: 'sample_size' | 'minimum_detectable_lift';
  @ApiProperty() baselineRate: number;
  @ApiProperty() alpha: number;
  @ApiProperty() power: number;
  @ApiProperty() arms: number;
  @ApiProperty() alphaPerComparison: number;
  @ApiPropertyOptional({ type: Number, nullable: true }) minRelativeLift: number | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) targetRate: number | null;
  @ApiProperty({ description: 'Impressions per creative per segment' }) impressionsPerArm: number;
  @ApiProperty() totalImpressions: number;
  @ApiProperty() formula: string;
}
