import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { CSRF_COOKIE, CSRF_HEADER, ROLES, type ApiKeyScope, type Role } from '@resonance/contracts';
import type { AuthContext, AuthenticatedRequest } from './auth-context.js';

export const AUTH_OPTIONS = 'resonance:auth';

export interface AuthOptions {
  /** Roles allowed with a session. Omitted: every role. `[]`: no sessions (API keys only). */
  roles?: readonly Role[];
  /** API-key scopes the route accepts; a key needs one of them. Omitted or `[]`: no API keys. */
  scopes?: readonly ApiKeyScope[];
  /** Share-link viewers (`Authorization: Share <token>`) may call it. Only the shared-view routes set this. */
  share?: boolean;
}

/** Every role: for read routes, usually with `scopes: ['read']`. */
export const ALL_ROLES: readonly Role[] = ROLES;

/**
 * Who may call a route: authentication (session cookie or bearer API key) and authorisation
 * (roles for sessions, scopes for keys) in one place, with the OpenAPI security it implies.
 * The AccessGuard is global, so a route without `@Auth(...)` or `@Public()` is refused.
 *
 * @example @Auth({ roles: ALL_ROLES, scopes: ['read'] })   // any signed-in user, or a read key
 * @example @Auth({ roles: ['owner', 'manager'] })            // sessions with those roles only
 * @example @Auth({ roles: [], scopes: ['ingest'] })          // ingest API keys only
 * @example @Auth({ roles: [], share: true })                 // share-link viewers only
 */
export function Auth(options: AuthOptions = {}): MethodDecorator & ClassDecorator {
  const allowsSessions = options.roles === undefined || options.roles.length > 0;
  const allowsKeys = (options.scopes?.length ?? 0) > 0;
  const roles = options.roles ?? ALL_ROLES;
  const who = [
    ...(allowsSessions ? [`signed-in ${roles.join(', ')}`] : []),
    ...(allowsKeys ? [`API keys with scope ${options.scopes?.join(' or ')}`] : []),
    ...(options.share ? ['viewers of a share link (Authorization: Share <access token>)'] : []),
  ].join('; ');
  return applyDecorators(
    SetMetadata(AUTH_OPTIONS, options),
    ...(allowsSessions
      ? [
          ApiCookieAuth(),
          ApiHeader({
            name: CSRF_HEADER,
            required: false,
            description: `With cookie sign-in, required on POST/PUT/PATCH/DELETE: the value of the ${CSRF_COOKIE} cookie.`,
          }),
        ]
      : []),
    ...(allowsKeys ? [ApiBearerAuth()] : []),
    ApiUnauthorizedResponse({ description: 'Not signed in, session ended, or an unknown or revoked API key.' }),
    ApiForbiddenResponse({ description: `Allowed for: ${who}. Also sent when the CSRF header is missing.` }),
  );
}

/** The caller's AuthContext, resolved by the guard. Only on routes with `@Auth(...)`. */
export const CurrentAuth = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthContext => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.auth) throw new Error('@CurrentAuth() used on a route without @Auth(...)');
  return req.auth;
});

/** The client IP (proxies trusted as configured in create-app), for the audit log. */
export const ClientIp = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null =>
  normalizeIp(ctx.switchToHttp().getRequest<AuthenticatedRequest>().ip),
);

export function normalizeIp(ip: string | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
}
