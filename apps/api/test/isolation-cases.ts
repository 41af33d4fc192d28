import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Tenant } from './tenancy.js';

/**
 * Tenant-isolation table, run by src/accounts/isolation.integration-spec.ts. A feature that adds
 * resource routes adds here: a fixture that creates one of its resources in a tenant (returning
 * its id), the routes that take that id, and its list routes.
 */
export type Fixture = (tenant: Tenant, app: NestExpressApplication) => Promise<string>;

export const FIXTURES: Record<string, Fixture> = {
  member: async (tenant) => (await tenant.addMember('viewer')).id,
  apiKey: async (tenant) => (await tenant.apiKey(['read'])).id,
};

export interface ByIdCase {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** `:id` is replaced by the id of tenant A's resource made by `FIXTURES[idFrom]`. */
  path: string;
  idFrom: keyof typeof FIXTURES;
  body?: object;
}

/** Tenant B calls these with A's ids and must get 404. */
export const BY_ID_CASES: ByIdCase[] = [
  { method: 'patch', path: '/api/v1/members/:id', idFrom: 'member', body: { role: 'owner' } },
  { method: 'delete', path: '/api/v1/members/:id', idFrom: 'member' },
  { method: 'delete', path: '/api/v1/api-keys/:id', idFrom: 'apiKey' },
];

export interface ListCase {
  path: string;
  /** Also call it with tenant B's API key of this scope. */
  keyScope?: 'read' | 'ingest';
}

/** Tenant B reads these and must see nothing of A (no id, no email). */
export const LIST_CASES: ListCase[] = [
  { path: '/api/v1/members' },
  { path: '/api/v1/api-keys' },
  { path: '/api/v1/audit' },
  { path: '/api/v1/organization', keyScope: 'read' },
  { path: '/api/v1/auth/me' },
];
