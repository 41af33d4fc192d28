import type { ApiKeyScope, Role } from '@resonance/contracts';
import type { Request } from 'express';

/** Who is calling, resolved by the global AccessGuard. The organisation always comes from here. */
export interface AuthContext {
  orgId: string;
  via: 'session' | 'api_key' | 'share_link';
  userId?: string;
  sessionId?: string;
  role?: Role;
  apiKeyId?: string;
  /** With a share link: the one link and saved view these requests may read, nothing else. */
  shareLinkId?: string;
  savedViewId?: string;
  /** The API key's scopes; empty for sessions and share links. */
  scopes: readonly ApiKeyScope[];
}

export type AuthenticatedRequest = Request & { auth?: AuthContext };

/** How the guard turns a cookie, bearer key or share access token into an AuthContext (implemented by the auth feature). */
export interface CredentialResolver {
  fromSessionToken(token: string): Promise<{ context: AuthContext; csrfToken: string } | null>;
  fromApiKey(key: string): Promise<AuthContext | null>;
  /** The access token a share link's opening handed out (`Authorization: Share <token>`). */
  fromShareAccess(token: string): Promise<AuthContext | null>;
}

export const CREDENTIAL_RESOLVER = Symbol('CREDENTIAL_RESOLVER');
