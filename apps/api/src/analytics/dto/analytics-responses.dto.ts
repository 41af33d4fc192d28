import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  GRANULARITIES,
  type AnalyticsMeta,
  type BreakdownDimension,
  type BreakdownResponse,
  type BreakdownsResponse,
  type BreakdownRow,
  type CreativeMatrixCell,
  type CreativeMatrixMethod,
  type CreativeMatrixResponse,
  type CreativeMatrixSegmentSummary,
  type CreativeRef,
  type Granularity,
  type Insight,
  type InsightsResponse,
  type MetricDeltas,
  type MetricSet,
  type SegmentReportResponse,
  type SegmentReportRow,
  type ReportedPeriodRow,
  type ReportedPeriodsResponse,
  type SpendFigures,
  type SummaryResponse,
  type TimeseriesBucket,
  type TimeseriesResponse,
} from '@resonance/contracts';

/**
 * OpenAPI descriptions of the analytics responses. The exact shapes are the TypeScript types in
 * @resonance/contracts (libs/contracts/src/lib/analytics.ts); nested objects are described here.
 */
const COUNT =
  'A number (the true count adjusted by −5…+5, cell-key perturbation: see meta.suppression), or { "suppressed": true } ' +
  'when under the organisation threshold (shown as "<11")';
const METRICS =
  'MetricSet: impressions, reach, engagements, engagementRate, clicks, clickThroughRate, shares, shareRate, videoViews, ' +
  `videoCompletions, videoCompletionRate, resourceClicks. Counts: ${COUNT}. Rates: fractions 0–1, null without a ` +
  'denominator, suppressed with their counts. reach: null when not derivable (see meta.reach.notDerivable).';
const DELTAS =
  'Per metric { absolute, relative }: relative is a fraction (0.25 = +25 %), null where the base is 0 or null.';
const SPEND =
  'One entry per currency (money is never added across currencies): spend (exact, in currency units), the counts of ' +
  'the rows that carry spend (published like every count), and cpm, costPerClick, costPerEngagement, ' +
  'costPerResourceClick computed from those published counts (suppressed when the count is, null without one).';
const META =
  'query (as resolved), definitions (metric definitions and denominators), suppression (threshold, label, method, maxPerturbation, note), ' +
  'reach (method exact, notDerivable, platformReported), source (rollup table), notes, generatedAt';

export class SummaryResponseDto implements SummaryResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: META }) meta: AnalyticsMeta;
  @ApiProperty({ type: 'object', additionalProperties: true, description: METRICS }) current: MetricSet;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: `With compare=previous. ${METRICS}` })
  comparison?: MetricSet;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: DELTAS }) deltas?: MetricDeltas;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: SPEND }) spend: SpendFigures[];
}

export class ReportedPeriodsResponseDto implements ReportedPeriodsResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: META }) meta: AnalyticsMeta;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      'One row per post/creative and reported period (lifetime or multi-day), in period order: grain, periodStart, ' +
      'periodEnd, platform, campaignId, creativeId, creativeName, included (whole window inside from…to), audience ' +
      `cell, impressions, engagements, clicks, shares, videoViews, resourceClicks (${COUNT}), engagementRate with a ` +
      "95 % Wilson interval, platformReach (the platform's own figure, never added to Resonance's reach)",
  })
  rows: ReportedPeriodRow[];
  @ApiProperty({ description: 'Rows beyond the 500 listed' }) omitted: number;
  @ApiProperty() note: string;
}

export class TimeseriesBucketDto implements TimeseriesBucket {
  @ApiProperty({ example: '2026-05-01', description: 'Local label: YYYY-MM-DD, or YYYY-MM-DDTHH:mm for hours' })
  bucket: string;
  @ApiProperty({ format: 'date-time', description: 'Bucket start (UTC instant)' }) start: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: METRICS }) metrics: MetricSet;
}

export class TimeseriesResponseDto implements TimeseriesResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: META }) meta: AnalyticsMeta;
  @ApiProperty({ enum: GRANULARITIES }) granularity: Granularity;
  @ApiProperty({ type: [TimeseriesBucketDto], description: 'Zero-filled buckets in order' })
  current: TimeseriesBucketDto[];
  @ApiPropertyOptional({ type: [TimeseriesBucketDto], description: 'comparison[i] aligns with current[i]' })
  comparison?: TimeseriesBucketDto[];
  @ApiPropertyOptional({ type: 'array', items: { type: 'object' }, description: DELTAS }) deltas?: MetricDeltas[];
}

export class BreakdownResponseDto implements BreakdownResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: META }) meta: AnalyticsMeta;
  @ApiProperty({ type: [String], example: ['ageBand', 'gender'] }) by: BreakdownDimension[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: `Rows: key (dimension, value, label per dimension), current (${METRICS}), shareOfTotal, comparison?, deltas?`,
  })
  rows: BreakdownRow[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'De-duplicated total: current, comparison?, deltas?',
  })
  total: BreakdownResponse['total'];
  @ApiProperty() reachNote: string;
}

export class BreakdownsResponseDto implements BreakdownsResponse {
  @ApiProperty({ type: [BreakdownResponseDto], description: 'One breakdown per dimension of `each`, in that order' })
  items: BreakdownResponseDto[];
}

export class SegmentReportResponseDto implements SegmentReportResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: META }) meta: AnalyticsMeta;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: `segment, current, comparison (${METRICS}), deltas, spend (${SPEND})`,
  })
  rows: SegmentReportRow[];
  @ApiProperty() note: string;
}

export class CreativeMatrixResponseDto implements CreativeMatrixResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: META }) meta: AnalyticsMeta;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Tests, thresholds and the minimum sample' })
  method: CreativeMatrixMethod;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) creatives: CreativeRef[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Segment totals and the leader, if any' })
  segments: CreativeMatrixSegmentSummary[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description:
      'Per creative × segment: impressions, engagements, engagementRate, interval (Wilson 95 %), lift, probabilityToBeBest, ' +
      'pValue (Holm), rawPValue, verdict (leader | no clear difference | clearly behind | not enough data)',
  })
  cells: CreativeMatrixCell[];
}

export class InsightsResponseDto implements InsightsResponse {
  @ApiProperty({ type: 'object', additionalProperties: true, description: META }) meta: AnalyticsMeta;
  @ApiProperty({ type: 'object', additionalProperties: true }) method: InsightsResponse['method'];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Campaign average the cells are compared with',
  })
  average: InsightsResponse['average'];
  @ApiProperty({ description: 'Cells tested (the Benjamini–Hochberg family size)' }) tested: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Discoveries ranked by effect, each with a sentence',
  })
  items: Insight[];
  @ApiProperty() total: number;
}
