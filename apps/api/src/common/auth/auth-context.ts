import type { ApiKeyScope, Role } from '@resonance/contracts';
import type { Request } from 'express';

/** Who is calling, resolved by the global AccessGuard. The organisation always comes from here. */
export interface AuthContext {
  orgId: string;
  via: 'session' | 'api_key';
  userId?: string;
  sessionId?: string;
  role?: Role;
  apiKeyId?: string;
  /** The API key's scopes; empty for sessions. */
  scopes: readonly ApiKeyScope[];
}

export type AuthenticatedRequest = Request & { auth?: AuthContext };

/** How the guard turns a cookie or bearer key into an AuthContext (implemented by the auth feature). */
export interface CredentialResolver {
  fromSessionToken(token: string): Promise<{ context: AuthContext; csrfToken: string } | null>;
  fromApiKey(key: string): Promise<AuthContext | null>;
}

export const CREDENTIAL_RESOLVER = Symbol('CREDENTIAL_RESOLVER');
