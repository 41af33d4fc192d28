import { ApiProperty } from '@nestjs/swagger';
import {
  DIGEST_FREQUENCIES,
  DIGEST_MAX_RECIPIENTS,
  type CreateDigestRequest,
  type DigestDelivery,
  type DigestFrequency,
  type DigestListResponse,
  type DigestPreview,
  type DigestSchedule,
} from '@resonance/contracts';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEmail, IsIn, IsUUID } from 'class-validator';

export class CreateDigestDto implements CreateDigestRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'savedViewId must be the id of a saved view' })
  savedViewId: string;

  @ApiProperty({ enum: DIGEST_FREQUENCIES, description: 'weekly: Mondays; monthly: the 1st; 08:00 organisation time' })
  @IsIn(DIGEST_FREQUENCIES, { message: `frequency must be one of ${DIGEST_FREQUENCIES.join(', ')}` })
  frequency: DigestFrequency;

  @ApiProperty({ type: [String], example: ['board@example.org'] })
  @IsArray({ message: 'recipients must be a list of e-mail addresses' })
  @ArrayMinSize(1, { message: 'recipients must name at least one address' })
  @ArrayMaxSize(DIGEST_MAX_RECIPIENTS, { message: `recipients: at most ${DIGEST_MAX_RECIPIENTS} addresses` })
  @ArrayUnique({ message: 'recipients must not repeat an address' })
  @IsEmail({}, { each: true, message: 'each recipient must be an e-mail address such as board@example.org' })
  recipients: string[];
}

export class DigestScheduleDto implements DigestSchedule {
  @ApiProperty() id: string;
  @ApiProperty() savedViewId: string;
  @ApiProperty() savedViewName: string;
  @ApiProperty({ enum: DIGEST_FREQUENCIES }) frequency: DigestFrequency;
  @ApiProperty({ type: [String] }) recipients: string[];
  @ApiProperty() nextRunAt: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'status (sending, sent, retrying, failed), attempts, lastError, sentAt',
  })
  lastDelivery: DigestDelivery | null;
}

export class DigestListDto implements DigestListResponse {
  @ApiProperty({ type: [DigestScheduleDto] }) items: DigestSchedule[];
  @ApiProperty() total: number;
  @ApiProperty({ description: 'False without SMTP_URL: nothing is sent' }) mailEnabled: boolean;
}

export class DigestPreviewDto implements DigestPreview {
  @ApiProperty() subject: string;
  @ApiProperty() html: string;
  @ApiProperty() attachmentName: string;
  @ApiProperty() mailEnabled: boolean;
}
