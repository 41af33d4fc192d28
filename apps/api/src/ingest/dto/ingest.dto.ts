import { ApiProperty } from '@nestjs/swagger';
import {
  AGE_BANDS,
  EVENT_TYPES,
  GENDERS,
  PLATFORMS,
  type AgeBand,
  type EventType,
  type Gender,
  type IngestEvent,
  type IngestResponse,
  type IngestRowError,
  type Platform,
} from '@resonance/contracts';

/** OpenAPI description only: rows are validated one by one by event-validator.ts. */
export class IngestEventDto implements IngestEvent {
  @ApiProperty({ maxLength: 128, example: 'evt-0000001' }) eventId: string;
  @ApiProperty({ format: 'date-time', example: '2026-05-02T19:45:36Z', description: 'ISO-8601 with an offset' })
  occurredAt: string;
  @ApiProperty({ example: 'mham-2026', description: 'Campaign key (must exist)' }) campaign: string;
  @ApiProperty({ example: 'ad-1', description: 'Creative key; registered on first sight if unknown' }) creative: string;
  @ApiProperty({ enum: PLATFORMS }) platform: Platform;
  @ApiProperty({ enum: EVENT_TYPES }) type: EventType;
  @ApiProperty({ required: false, maxLength: 256, description: 'Stored only as a keyed hash' }) memberId?: string;
  @ApiProperty({ required: false, enum: AGE_BANDS }) ageBand?: AgeBand;
  @ApiProperty({ required: false, enum: GENDERS }) gender?: Gender;
  @ApiProperty({ required: false, example: 'GB-ENG', description: 'ISO 3166-1 alpha-2 or ISO 3166-2' }) region?: string;
  @ApiProperty({ required: false, example: 'en', description: 'BCP 47' }) language?: string;
  @ApiProperty({ required: false, minimum: 1, default: 1 }) count?: number;
}

export class IngestRowErrorDto implements IngestRowError {
  @ApiProperty({ description: 'Array position (JSON, from 0) or line number (NDJSON, from 1)' }) index: number;
  @ApiProperty({ type: String, nullable: true, description: 'null when the row as a whole is wrong' }) field:
    string | null;
  @ApiProperty() message: string;
}

export class IngestResponseDto implements IngestResponse {
  @ApiProperty({ description: 'New events stored' }) accepted: number;
  @ApiProperty({ description: 'Events whose eventId was already stored (resends)' }) duplicates: number;
  @ApiProperty({ description: 'Rows refused' }) rejected: number;
  @ApiProperty({ type: [IngestRowErrorDto], description: 'The first 100 errors' }) errors: IngestRowErrorDto[];
  @ApiProperty({ required: false, description: 'Errors left out of the list' }) errorsTruncated?: number;
  @ApiProperty({ required: false, description: 'NDJSON: chunks committed' }) committedChunks?: number;
}
