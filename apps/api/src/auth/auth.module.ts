import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { AuditModule } from '../audit/audit.module.js';
import { ShareLinksModule } from '../share-links/share-links.module.js';
import { AccessGuard } from '../common/auth/access.guard.js';
import { CREDENTIAL_RESOLVER } from '../common/auth/auth-context.js';
import { RateLimitGuard } from '../common/throttling/rate-limit.guard.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { SessionAndKeyResolver } from './credential-resolver.js';
import { SessionsService } from './sessions.service.js';

@Module({
  imports: [AccountsModule, ApiKeysModule, AuditModule, ShareLinksModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionsService,
    { provide: CREDENTIAL_RESOLVER, useClass: SessionAndKeyResolver },
    // Order matters: the access guard resolves the caller, then rate limits can count per key.
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
  exports: [SessionsService],
})
export class AuthModule {}
