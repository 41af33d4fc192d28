import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AccountsService } from './accounts.service.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';
import { PasswordHasher } from './password-hasher.js';
import { PasswordResetsService } from './password-resets.service.js';

@Module({
  imports: [AuditModule],
  controllers: [MembersController],
  providers: [AccountsService, MembersService, PasswordHasher, PasswordResetsService],
  exports: [AccountsService, PasswordHasher, PasswordResetsService],
})
export class AccountsModule {}
