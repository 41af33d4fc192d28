import { randomBytes } from 'node:crypto';
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
  campaign: async (tenant) => {
    const res = await tenant.agent
      .post('/api/v1/campaigns')
      .send({ key: `iso-${randomBytes(4).toString('hex')}`, name: 'Isolation' });
    if (res.status !== 201) throw new Error(`creating a campaign failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  },
  creative: async (tenant) => {
    const campaign = await tenant.agent
      .post('/api/v1/campaigns')
      .send({ key: `iso-${randomBytes(4).toString('hex')}`, name: 'Isolation' });
    const res = await tenant.agent
      .post(`/api/v1/campaigns/${campaign.body.id as string}/creatives`)
      .send({ key: 'iso-ad', name: 'Isolation ad', platform: 'instagram', format: 'image' });
    if (res.status !== 201) throw new Error(`creating a creative failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  },
  import: async (tenant) => {
    const key = `iso-${randomBytes(4).toString('hex')}`;
    await tenant.agent.post('/api/v1/campaigns').send({ key, name: 'Isolation import' });
    const csv = 'Post id,Date,Post text,Impressions,Likes\n1925919655710750614,2026-05-01,Isolation post,1200,30\n';
    const res = await tenant.agent
      .post('/api/v1/imports')
      .field('campaign', key)
      .attach('file', Buffer.from(csv), 'x.csv');
    if (res.status !== 201) throw new Error(`importing failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  },
  observance: async (tenant) => {
    const res = await tenant.agent.post('/api/v1/planning/observances').send({
      slug: `iso-${randomBytes(4).toString('hex')}`,
      name: 'Isolation day',
      region: 'global',
      rule: { kind: 'fixed_day', month: 7, day: 1 },
    });
    if (res.status !== 201) throw new Error(`creating an observance failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  },
  plannedCampaign: async (tenant) => {
    const res = await tenant.agent
      .post('/api/v1/planning/observances/world-mental-health-day/plan')
      .send({ year: 2027, name: 'Isolation plan', key: `iso-plan-${randomBytes(4).toString('hex')}` });
    if (res.status !== 201) throw new Error(`planning a campaign failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  },
  segment: async (tenant) => {
    const res = await tenant.agent
      .post('/api/v1/segments')
      .send({ name: `iso-${randomBytes(4).toString('hex')}`, rules: { ageBand: ['18-24'] } });
    if (res.status !== 201) throw new Error(`creating a segment failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  },
  savedView: async (tenant) => {
    const res = await tenant.agent.post('/api/v1/saved-views').send({
      name: `iso-${randomBytes(4).toString('hex')}`,
      page: 'overview',
      filters: { period: 'last30', campaignId: null, platform: null, segmentId: null, compare: 'none' },
    });
    if (res.status !== 201) throw new Error(`saving a view failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  },
  shareLink: async (tenant, app) => {
    const savedViewId = await FIXTURES['savedView']!(tenant, app);
    const res = await tenant.agent.post('/api/v1/share-links').send({ savedViewId, expiresInDays: 7 });
    if (res.status !== 201) throw new Error(`sharing failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  },
  annotation: async (tenant) => {
    const res = await tenant.agent.post('/api/v1/annotations').send({ startsOn: '2026-06-01', text: 'iso note' });
    if (res.status !== 201) throw new Error(`adding a note failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  },
  digest: async (tenant, app) => {
    const savedViewId = await FIXTURES['savedView']!(tenant, app);
    const res = await tenant.agent
      .post('/api/v1/digests')
      .send({ savedViewId, frequency: 'weekly', recipients: ['iso@example.org'] });
    if (res.status !== 201) throw new Error(`scheduling failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  },
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
  { method: 'get', path: '/api/v1/imports/:id', idFrom: 'import' },
  { method: 'patch', path: '/api/v1/members/:id', idFrom: 'member', body: { role: 'owner' } },
  { method: 'delete', path: '/api/v1/members/:id', idFrom: 'member' },
  { method: 'delete', path: '/api/v1/api-keys/:id', idFrom: 'apiKey' },
  { method: 'get', path: '/api/v1/campaigns/:id', idFrom: 'campaign' },
  { method: 'patch', path: '/api/v1/campaigns/:id', idFrom: 'campaign', body: { name: 'Taken over' } },
  { method: 'delete', path: '/api/v1/campaigns/:id', idFrom: 'campaign' },
  { method: 'get', path: '/api/v1/campaigns/:id/creatives', idFrom: 'campaign' },
  {
    method: 'post',
    path: '/api/v1/campaigns/:id/creatives',
    idFrom: 'campaign',
    body: { key: 'b-ad', name: 'B', platform: 'x', format: 'image' },
  },
  { method: 'patch', path: '/api/v1/creatives/:id', idFrom: 'creative', body: { name: 'Taken over' } },
  { method: 'delete', path: '/api/v1/creatives/:id', idFrom: 'creative' },
  { method: 'get', path: '/api/v1/planning/observances/:id', idFrom: 'observance' },
  { method: 'delete', path: '/api/v1/planning/observances/:id', idFrom: 'observance' },
  {
    method: 'post',
    path: '/api/v1/planning/observances/:id/plan',
    idFrom: 'observance',
    body: { year: 2027, name: 'Taken over' },
  },
  { method: 'get', path: '/api/v1/planning/yoy?observance=:id', idFrom: 'observance' },
  { method: 'get', path: '/api/v1/planning/recommendations?observance=:id', idFrom: 'observance' },
  {
    method: 'put',
    path: '/api/v1/planning/observances/world-mental-health-day/campaigns/:id',
    idFrom: 'plannedCampaign',
    body: {},
  },
  {
    method: 'delete',
    path: '/api/v1/planning/observances/world-mental-health-day/campaigns/:id',
    idFrom: 'plannedCampaign',
  },
  { method: 'get', path: '/api/v1/segments/:id', idFrom: 'segment' },
  { method: 'patch', path: '/api/v1/segments/:id', idFrom: 'segment', body: { name: 'Taken over' } },
  { method: 'delete', path: '/api/v1/segments/:id', idFrom: 'segment' },
  { method: 'get', path: '/api/v1/analytics/summary?from=2026-01-01&to=2026-12-31&segment=:id', idFrom: 'segment' },
  { method: 'get', path: '/api/v1/analytics/summary?from=2026-01-01&to=2026-12-31&campaign=:id', idFrom: 'campaign' },
  {
    method: 'get',
    path: '/api/v1/analytics/breakdown?from=2026-01-01&to=2026-12-31&by=ageBand&creative=:id',
    idFrom: 'creative',
  },
  { method: 'get', path: '/api/v1/saved-views/:id', idFrom: 'savedView' },
  { method: 'delete', path: '/api/v1/saved-views/:id', idFrom: 'savedView' },
  { method: 'delete', path: '/api/v1/share-links/:id', idFrom: 'shareLink' },
  { method: 'get', path: '/api/v1/digests/:id/preview', idFrom: 'digest' },
  { method: 'delete', path: '/api/v1/digests/:id', idFrom: 'digest' },
  { method: 'patch', path: '/api/v1/annotations/:id', idFrom: 'annotation', body: { text: 'Taken over' } },
  { method: 'delete', path: '/api/v1/annotations/:id', idFrom: 'annotation' },
  { method: 'get', path: '/api/v1/annotations?from=2026-01-01&to=2026-12-31&campaign=:id', idFrom: 'campaign' },
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
  { path: '/api/v1/campaigns', keyScope: 'read' },
  { path: '/api/v1/imports', keyScope: 'read' },
  { path: '/api/v1/planning/observances?year=2027', keyScope: 'read' },
  { path: '/api/v1/planning/observances/upcoming?from=2027-01-01&months=12', keyScope: 'read' },
  { path: '/api/v1/planning/observances/world-mental-health-day', keyScope: 'read' },
  { path: '/api/v1/planning/yoy?observance=world-mental-health-day', keyScope: 'read' },
  { path: '/api/v1/planning/recommendations?observance=world-mental-health-day', keyScope: 'read' },
  { path: '/api/v1/segments', keyScope: 'read' },
  { path: '/api/v1/analytics/summary?from=2026-01-01&to=2026-12-31', keyScope: 'read' },
  { path: '/api/v1/analytics/timeseries?from=2026-01-01&to=2026-12-31&granularity=month', keyScope: 'read' },
  { path: '/api/v1/analytics/breakdown?from=2026-01-01&to=2026-12-31&by=creative', keyScope: 'read' },
  { path: '/api/v1/analytics/segments?from=2026-01-01&to=2026-12-31', keyScope: 'read' },
  { path: '/api/v1/analytics/creatives?from=2026-01-01&to=2026-12-31', keyScope: 'read' },
  { path: '/api/v1/analytics/insights?from=2026-01-01&to=2026-12-31', keyScope: 'read' },
  { path: '/api/v1/saved-views' },
  { path: '/api/v1/share-links' },
  { path: '/api/v1/digests' },
  { path: '/api/v1/annotations?from=2026-01-01&to=2026-12-31', keyScope: 'read' },
];
