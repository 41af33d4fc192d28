import { ApiProperty } from '@nestjs/swagger';
import {
  MIN_SUPPRESSION_THRESHOLD,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type AuthOrganization,
  type AuthUser,
  type ChangePasswordRequest,
  type CompletePasswordResetRequest,
  type LoginRequest,
  type MeResponse,
  type Role,
  type SignupRequest,
} from '@resonance/contracts';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_RULE } from '../../accounts/dto/member.dto.js';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'owner@demo.resonance.local' })
  @IsString({ message: 'email must be text' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString({ message: 'password must be text' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class SignupDto implements SignupRequest {
  @ApiProperty({ example: 'Mindful Futures Foundation', maxLength: 200 })
  @IsString()
  @MinLength(1, { message: 'organizationName must not be empty' })
  @MaxLength(200, { message: 'organizationName must be at most 200 characters' })
  organizationName: string;

  @ApiProperty({ example: 'you@example.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: PASSWORD_RULE })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString({ message: 'currentPassword must be text' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `currentPassword must be at most ${PASSWORD_MAX_LENGTH} characters` })
  currentPassword: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString({ message: 'newPassword must be text' })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `newPassword must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `newPassword must be at most ${PASSWORD_MAX_LENGTH} characters` })
  newPassword: string;
}

export class CompletePasswordResetDto implements CompletePasswordResetRequest {
  @ApiProperty({ description: 'The token from the reset link' })
  @IsString({ message: 'token must be text' })
  @MinLength(1, { message: 'token must not be empty' })
  @MaxLength(200, { message: 'token must be at most 200 characters' })
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString({ message: 'newPassword must be text' })
  @MinLength(PASSWORD_MIN_LENGTH, { message: `newPassword must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `newPassword must be at most ${PASSWORD_MAX_LENGTH} characters` })
  newPassword: string;
}

class AuthUserDto implements AuthUser {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

class AuthOrganizationDto implements AuthOrganization {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ minimum: MIN_SUPPRESSION_THRESHOLD }) suppressionThreshold: number;
}

export class MeDto implements MeResponse {
  @ApiProperty({ type: AuthUserDto }) user: AuthUserDto;
  @ApiProperty({ type: AuthOrganizationDto }) organization: AuthOrganizationDto;
}
