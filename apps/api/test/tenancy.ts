import { randomBytes, randomInt } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, type ApiKeyScope, type Role } from '@resonance/contracts';
import request from 'supertest';
import { AccountsService } from '../src/accounts/accounts.service.js';

export type Agent = ReturnType<typeof request.agent>;

export interface SignedInAgent {
  /** Sends the session cookie, the CSRF header and its own client IP (X-Forwarded-For) on every request. */
  agent: Agent;
  csrfToken: string;
  /** `resonance_session=…`, for hand-built requests (e.g. without the CSRF header). */
  sessionCookie: string;
  ip: string;
}

export interface Tenant extends SignedInAgent {
  orgId: string;
  ownerId: string;
  owner: { email: string; password: string };
  /** Creates an API key through the API as the owner. */
  apiKey(scopes: ApiKeyScope[], name?: string): Promise<{ id: string; key: string }>;
  /** Adds a member through the API as the owner and signs them in. */
  addMember(role: Role): Promise<SignedInAgent & { id: string; email: string; password: string }>;
}

/** A distinct client IP per agent, so rate limits and audit IPs don't mix across tests. */
export function testIp(): string {
  return `10.${randomInt(1, 255)}.${randomInt(0, 255)}.${randomInt(1, 255)}`;
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(6).toString('hex')}@test.resonance.local`;
}

function cookieValue(setCookie: string[] | string | undefined, name: string): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie in the answer`);
  return decodeURIComponent(found.slice(name.length + 1).split(';')[0] ?? '');
}

export async function signIn(
  app: NestExpressApplication,
  credentials: { email: string; password: string },
  ip: string = testIp(),
): Promise<SignedInAgent> {
  const agent = request.agent(app.getHttpServer());
  agent.set('X-Forwarded-For', ip);
  const res = await agent.post('/api/v1/auth/login').send(credentials);
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const csrfToken = cookieValue(res.headers['set-cookie'], CSRF_COOKIE);
  const session = cookieValue(res.headers['set-cookie'], SESSION_COOKIE);
  agent.set(CSRF_HEADER, csrfToken);
  return { agent, csrfToken, sessionCookie: `${SESSION_COOKIE}=${session}`, ip };
}

/** A new organisation with its owner (created directly through AccountsService), signed in. */
export async function createTenant(app: NestExpressApplication, options: { name?: string } = {}): Promise<Tenant> {
  const owner = { email: uniqueEmail('owner'), password: `pw-${randomBytes(12).toString('hex')}` };
  const { organization, owner: user } = await app.get(AccountsService).createOrganizationWithOwner({
    name: options.name ?? `Test org ${randomBytes(3).toString('hex')}`,
    ...owner,
  });
  const signedIn = await signIn(app, owner);
  return {
    ...signedIn,
    orgId: organization.id,
    ownerId: user.id,
    owner,
    async apiKey(scopes, name = `key ${scopes.join('+')}`) {
      const res = await signedIn.agent.post('/api/v1/api-keys').send({ name, scopes });
      if (res.status !== 201) throw new Error(`creating a key failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { id: res.body.id as string, key: res.body.key as string };
    },
    async addMember(role) {
      const member = { email: uniqueEmail(role), password: `pw-${randomBytes(12).toString('hex')}` };
      const res = await signedIn.agent.post('/api/v1/members').send({ ...member, role });
      if (res.status !== 201) throw new Error(`adding a member failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { ...(await signIn(app, member)), id: res.body.id as string, ...member };
    },
  };
}

export async function twoTenants(app: NestExpressApplication): Promise<{ a: Tenant; b: Tenant }> {
  const [a, b] = await Promise.all([createTenant(app, { name: 'Tenant A' }), createTenant(app, { name: 'Tenant B' })]);
  return { a, b };
}
