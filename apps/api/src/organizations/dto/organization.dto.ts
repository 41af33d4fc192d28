import { ApiProperty } from '@nestjs/swagger';
import {
  MIN_SUPPRESSION_THRESHOLD,
  type OrganizationSettings,
  type UpdateOrganizationRequest,
} from '@resonance/contracts';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';

export class UpdateOrganizationDto implements UpdateOrganizationRequest {
  @ApiProperty({ required: false, minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  name?: string;

  @ApiProperty({ required: false, minimum: MIN_SUPPRESSION_THRESHOLD, maximum: 1000 })
  @IsOptional()
  @IsInt({ message: 'suppressionThreshold must be a whole number' })
  @Min(MIN_SUPPRESSION_THRESHOLD, {
    message: `suppressionThreshold must be at least ${MIN_SUPPRESSION_THRESHOLD}: smaller cells could identify people`,
  })
  @Max(1000, { message: 'suppressionThreshold must be at most 1000' })
  suppressionThreshold?: number;
}

export class OrganizationSettingsDto implements OrganizationSettings {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ minimum: MIN_SUPPRESSION_THRESHOLD }) suppressionThreshold: number;
  @ApiProperty() isDemo: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
