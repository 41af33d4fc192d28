import { Injectable } from '@nestjs/common';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import type { AuthContext, CredentialResolver } from '../common/auth/auth-context.js';
import { ShareLinksService } from '../share-links/share-links.service.js';
import { SessionsService } from './sessions.service.js';

@Injectable()
export class SessionAndKeyResolver implements CredentialResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly shareLinks: ShareLinksService,
  ) {}

  fromSessionToken(token: string): Promise<{ context: AuthContext; csrfToken: string } | null> {
    return this.sessions.authenticate(token);
  }

  fromApiKey(key: string): Promise<AuthContext | null> {
    return this.apiKeys.authenticate(key);
  }

  fromShareAccess(token: string): Promise<AuthContext | null> {
    return this.shareLinks.authenticate(token);
  }
}
