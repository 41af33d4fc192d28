import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Member, MemberListResponse, PasswordResetLink } from '@resonance/contracts';
import { Auth, ClientIp, CurrentAuth } from '../common/auth/auth.decorator.js';
import type { AuthContext } from '../common/auth/auth-context.js';
import { CreateMemberDto, MemberDto, MemberListDto, PasswordResetLinkDto, UpdateMemberDto } from './dto/member.dto.js';
import { MembersService } from './members.service.js';
import { PasswordResetsService } from './password-resets.service.js';

@ApiTags('members')
@Controller('members')
@Auth({ roles: ['owner'] })
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly resets: PasswordResetsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: MemberListDto })
  list(@CurrentAuth() auth: AuthContext): Promise<MemberListResponse> {
    return this.members.list({ orgId: auth.orgId });
  }

  @Post()
  @ApiCreatedResponse({ type: MemberDto, description: 'The member can sign in with the given password.' })
  @ApiConflictResponse({ description: 'email_taken' })
  create(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Body() body: CreateMemberDto,
  ): Promise<Member> {
    return this.members.create({ auth, ip, email: body.email, password: body.password, role: body.role });
  }

  @Patch(':id')
  @ApiOkResponse({ type: MemberDto })
  @ApiNotFoundResponse({ description: 'member_not_found' })
  @ApiConflictResponse({ description: 'last_owner: the last owner cannot be demoted' })
  update(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateMemberDto,
  ): Promise<Member> {
    return this.members.changeRole({ auth, ip, userId: id, role: body.role });
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed; their sessions end.' })
  @ApiNotFoundResponse({ description: 'member_not_found' })
  @ApiConflictResponse({ description: 'last_owner: the last owner cannot be removed' })
  remove(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    return this.members.remove({ auth, ip, userId: id });
  }

  @Post(':id/password-reset')
  @ApiCreatedResponse({
    type: PasswordResetLinkDto,
    description:
      'A one-time link (24 hours) for the member to set a new password; shown once. Replaces any earlier unused link.',
  })
  @ApiNotFoundResponse({ description: 'member_not_found' })
  issuePasswordReset(
    @CurrentAuth() auth: AuthContext,
    @ClientIp() ip: string | null,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PasswordResetLink> {
    return this.resets.issue({ auth, ip, userId: id });
  }
}
