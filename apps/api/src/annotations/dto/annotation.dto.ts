import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ANNOTATION_KINDS,
  ANNOTATION_MAX_SPAN_DAYS,
  ANNOTATION_TEXT_MAX,
  type Annotation,
  type AnnotationKind,
  type AnnotationListResponse,
  type CreateAnnotationRequest,
  type UpdateAnnotationRequest,
} from '@resonance/contracts';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TEXT_LIMIT = `text must be at most ${ANNOTATION_TEXT_MAX} characters`;

export class CreateAnnotationDto implements CreateAnnotationRequest {
  @ApiProperty({ example: '2026-05-12', description: 'First day (inclusive), YYYY-MM-DD' })
  @Matches(DATE, { message: 'startsOn must be a date as YYYY-MM-DD' })
  startsOn: string;

  @ApiPropertyOptional({
    example: '2026-05-18',
    description: `Last day (inclusive); omitted for a single day. At most ${ANNOTATION_MAX_SPAN_DAYS} days.`,
  })
  @IsOptional()
  @Matches(DATE, { message: 'endsOn must be a date as YYYY-MM-DD' })
  endsOn?: string;

  @ApiProperty({ example: 'Paid boost started', maxLength: ANNOTATION_TEXT_MAX })
  @IsString({ message: 'text must be a string' })
  @MaxLength(ANNOTATION_TEXT_MAX, { message: TEXT_LIMIT })
  @Matches(/\S/, { message: 'text must not be empty' })
  text: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Tie the note to one campaign' })
  @IsOptional()
  @ValidateIf((d: CreateAnnotationDto) => d.campaignId !== null)
  @IsUUID('all', { message: 'campaignId must be a campaign id or null' })
  campaignId?: string | null;
}

export class UpdateAnnotationDto implements UpdateAnnotationRequest {
  @ApiPropertyOptional({ example: '2026-05-12' })
  @IsOptional()
  @Matches(DATE, { message: 'startsOn must be a date as YYYY-MM-DD' })
  startsOn?: string;

  @ApiPropertyOptional({ example: '2026-05-18' })
  @IsOptional()
  @Matches(DATE, { message: 'endsOn must be a date as YYYY-MM-DD' })
  endsOn?: string;

  @ApiPropertyOptional({ maxLength: ANNOTATION_TEXT_MAX })
  @IsOptional()
  @IsString({ message: 'text must be a string' })
  @MaxLength(ANNOTATION_TEXT_MAX, { message: TEXT_LIMIT })
  @Matches(/\S/, { message: 'text must not be empty' })
  text?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((d: UpdateAnnotationDto) => d.campaignId !== null)
  @IsUUID('all', { message: 'campaignId must be a campaign id or null' })
  campaignId?: string | null;
}

export class AnnotationQueryDto {
  @ApiProperty({ example: '2026-05-01' })
  @Matches(DATE, { message: 'from must be a date as YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2026-05-31' })
  @Matches(DATE, { message: 'to must be a date as YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ description: "Only this campaign's notes and notes tied to no campaign" })
  @IsOptional()
  @IsUUID('all', { message: 'campaign must be a campaign id' })
  campaign?: string;
}

class AnnotationCampaignDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
}

class AnnotationObservanceDto {
  @ApiProperty() id: string;
  @ApiProperty() slug: string;
}

export class AnnotationDto implements Annotation {
  @ApiProperty({ description: 'A note id, or observance:<id>:<year>' }) id: string;
  @ApiProperty({ enum: ANNOTATION_KINDS }) kind: AnnotationKind;
  @ApiProperty() startsOn: string;
  @ApiProperty() endsOn: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: AnnotationCampaignDto, nullable: true }) campaign: { id: string; name: string } | null;
  @ApiProperty({ type: AnnotationObservanceDto, nullable: true }) observance: { id: string; slug: string } | null;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ nullable: true, type: String }) updatedAt: string | null;
}

export class AnnotationListDto implements AnnotationListResponse {
  @ApiProperty({ type: [AnnotationDto] }) items: Annotation[];
  @ApiProperty() total: number;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
}
