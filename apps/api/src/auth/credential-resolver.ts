import { Injectable } from '@nestjs/common';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import type { AuthContext, CredentialResolver } from '../common/auth/auth-context.js';
import { SessionsService } from './sessions.service.js';

@Injectable()
export class SessionAndKeyResolver implements CredentialResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  fromSessionToken(token: string): Promise<{ context: AuthContext; csrfToken: string } | null> {
    return this.sessions.authenticate(token);
  }

  fromApiKey(key: string): Promise<AuthContext | null> {
    return this.apiKeys.authenticate(key);
  }
}
