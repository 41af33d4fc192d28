import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AccountsService } from './accounts.service.js';
import { MembersController } from './members.controller.js';
import { MembersService } from './members.service.js';
import { PasswordHasher } from './password-hasher.js';

@Module({
  imports: [AuditModule],
  controllers: [MembersController],
  providers: [AccountsService, MembersService, PasswordHasher],
  exports: [AccountsService, PasswordHasher],
})
export class AccountsModule {}
