import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '@resonance/contracts';
import { IS_PUBLIC } from '../decorators/public.decorator.js';
import { AccessError } from './access.errors.js';
import { ALL_ROLES, AUTH_OPTIONS, type AuthOptions } from './auth.decorator.js';
import { CREDENTIAL_RESOLVER, type AuthenticatedRequest, type CredentialResolver } from './auth-context.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Global guard: resolves the caller (share access token, bearer API key, else session cookie) and applies the
 * route's `@Auth(...)` rule. A route with neither `@Auth` nor `@Public` is refused (fail closed).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(CREDENTIAL_RESOLVER) private readonly resolver: CredentialResolver,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const options = this.reflector.getAllAndOverride<AuthOptions | undefined>(AUTH_OPTIONS, targets);
    if (!options) {
      if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, targets)) return true;
      this.logger.error(`${ctx.getClass().name}.${ctx.getHandler().name} has neither @Auth nor @Public: refused`);
      throw new AccessError('no_access_rule', 'This route declares no access rule, so it is closed.');
    }
    const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();

    // A share link reaches only the routes marked for it, and those read the link's own view.
    const shared = /^Share\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (shared !== undefined) {
      if (!options.share) {
        throw new AccessError(
          'share_link_not_allowed',
          'A share link opens only its own view; this route needs a sign-in or an API key.',
        );
      }
      const context = await this.resolver.fromShareAccess(shared);
      if (!context) {
        throw new AccessError(
          'share_access_ended',
          'This shared view has expired or been revoked, or this opening has timed out: open the link again.',
        );
      }
      req.auth = context;
      return true;
    }

    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) {
      const context = await this.resolver.fromApiKey(bearer);
      if (!context) throw new AccessError('invalid_api_key', 'This API key is unknown or has been revoked.');
      const accepted = options.scopes ?? [];
      if (accepted.length === 0) {
        throw new AccessError('api_key_not_allowed', 'This route is not available to API keys; sign in instead.');
      }
      if (!accepted.some((scope) => context.scopes.includes(scope))) {
        throw new AccessError(
          'missing_scope',
          `This route needs an API key with the '${accepted.join("' or '")}' scope; this key has: ${context.scopes.join(', ')}.`,
        );
      }
      req.auth = context;
      return true;
    }

    const token: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof token !== 'string' || token === '') {
      throw new AccessError('unauthenticated', "Sign in, or send an API key as 'Authorization: Bearer <key>'.");
    }
    const session = await this.resolver.fromSessionToken(token);
    if (!session) throw new AccessError('session_expired', 'Your session has ended; sign in again.');
    // Cookies are sent by the browser on its own; the header proves our page wrote the request.
    if (!SAFE_METHODS.has(req.method)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameSecret(header, session.csrfToken)) {
        throw new AccessError(
          'csrf_failed',
          `Missing or wrong ${CSRF_HEADER} header: send the value of the ${CSRF_COOKIE} cookie with this request.`,
        );
      }
    }
    const roles = options.roles ?? ALL_ROLES;
    const role = session.context.role;
    if (role === undefined || !roles.includes(role)) {
      throw new AccessError(
        'forbidden_role',
        roles.length === 0
          ? options.share
            ? 'This route serves share-link viewers; signed in, use the dashboard pages instead.'
            : 'This route is for API keys only.'
          : `This needs the ${roles.join(' or ')} role; you are signed in as ${role ?? 'no role'}.`,
      );
    }
    req.auth = session.context;
    return true;
  }
}
