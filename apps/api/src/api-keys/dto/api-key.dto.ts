import { ApiProperty } from '@nestjs/swagger';
import {
  API_KEY_SCOPES,
  type ApiKeyListResponse,
  type ApiKeyScope,
  type ApiKeySummary,
  type CreateApiKeyRequest,
  type CreatedApiKey,
} from '@resonance/contracts';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';

export class CreateApiKeyDto implements CreateApiKeyRequest {
  @ApiProperty({ example: 'Website events', maxLength: 100 })
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100, { message: 'name must be at most 100 characters' })
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['ingest'] })
  @IsArray()
  @ArrayMinSize(1, { message: `scopes must name at least one of ${API_KEY_SCOPES.join(', ')}` })
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @ArrayUnique({ message: 'scopes must not repeat' })
  @IsIn(API_KEY_SCOPES, { each: true, message: `each scope must be one of ${API_KEY_SCOPES.join(', ')}` })
  scopes: ApiKeyScope[];
}

export class ApiKeySummaryDto implements ApiKeySummary {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes: ApiKeyScope[];
  @ApiProperty({ description: 'The first characters of the key, to recognise it', example: 'rsn_Ab3x' }) prefix: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, description: 'User id of the creator' }) createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Updated at most once a minute' })
  lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

export class CreatedApiKeyDto implements CreatedApiKey {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true }) scopes: ApiKeyScope[];
  @ApiProperty() prefix: string;
  @ApiProperty({ description: 'The secret: shown this once, never again. Send as Authorization: Bearer <key>.' })
  key: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ApiKeyListDto implements ApiKeyListResponse {
  @ApiProperty({ type: [ApiKeySummaryDto] }) items: ApiKeySummaryDto[];
  @ApiProperty() total: number;
}
