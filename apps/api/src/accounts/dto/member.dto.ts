import { ApiProperty } from '@nestjs/swagger';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type CreateMemberRequest,
  type Member,
  type MemberListResponse,
  type PasswordResetLink,
  type Role,
  type UpdateMemberRequest,
} from '@resonance/contracts';
import { IsEmail, IsIn, IsString, MaxLength, MinLength } from 'class-validator';

export const PASSWORD_RULE = `password must be at least ${PASSWORD_MIN_LENGTH} characters`;

export class CreateMemberDto implements CreateMemberRequest {
  @ApiProperty({ example: 'analyst@example.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH, { message: PASSWORD_RULE })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;
}

export class UpdateMemberDto implements UpdateMemberRequest {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;
}

export class MemberDto implements Member {
  @ApiProperty() id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lockedUntil: string | null;
}

export class MemberListDto implements MemberListResponse {
  @ApiProperty({ type: [MemberDto] }) items: MemberDto[];
  @ApiProperty() total: number;
}

export class PasswordResetLinkDto implements PasswordResetLink {
  @ApiProperty({ example: '/reset-password?token=…' }) path: string;
  @ApiProperty() token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
