import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessError } from './access.errors.js';
import { AccessGuard } from './access.guard.js';
import type { CredentialResolver } from './auth-context.js';

class Unmarked {
  handler(): void {}
}

function contextFor(req: object): ExecutionContext {
  return {
    getHandler: () => Unmarked.prototype.handler,
    getClass: () => Unmarked,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe('AccessGuard', () => {
  let lookups = 0;
  const resolver: CredentialResolver = {
    fromSessionToken: async () => {
      lookups += 1;
      return { context: { orgId: 'o', via: 'session', userId: 'u', role: 'owner', scopes: [] }, csrfToken: 't' };
    },
    fromApiKey: async () => null,
    fromShareAccess: async () => null,
  };

  it('refuses a route with neither @Auth nor @Public, even for a signed-in owner (fails closed)', async () => {
    const guard = new AccessGuard(new Reflector(), resolver);
    const req = { method: 'GET', headers: {}, cookies: { resonance_session: 'x' } };
    const attempt = guard.canActivate(contextFor(req));
    await expect(attempt).rejects.toBeInstanceOf(AccessError);
    await expect(guard.canActivate(contextFor(req))).rejects.toMatchObject({ status: 401, code: 'no_access_rule' });
    expect(lookups).toBe(0);
  });
});
