import type { PoolClient } from 'pg';
import { catalogueObservanceId } from '../planning/catalogue-ids.js';
import { memberHash } from '../ingest/member-key.js';
import { writeEvents, type StoredEvent } from '../warehouse/events/event-writer.js';
import { generateDay, planDemo, type DemoPlan, type GeneratedEvent } from './demo-events.js';
import { readOrgSettings } from '../warehouse/org-settings.js';

export interface GenerateDemoOptions {
  orgId: string;
  /** The story ends here (default: now). */
  now?: Date;
  /** About how many raw events to generate (default 150,000). */
  events?: number;
  /** Same seed, same data (default 20260510). */
  seed?: number;
}

export interface DemoDataSummary {
  orgId: string;
  seed: number;
  campaigns: number;
  creatives: number;
  members: number;
  days: number;
  eventsGenerated: number;
  eventsInserted: number;
  /** Stopped early (the app was shutting down). */
  cancelled: boolean;
  seconds: number;
  eventsPerSecond: number;
}

/** Where the events go: one transaction's connection (first run), or a pool of connections. */
export type DemoTarget =
  | { kind: 'transaction'; client: PoolClient }
  | { kind: 'pool'; acquire: () => Promise<{ client: PoolClient; release: () => void }>; concurrency: number };

export const DEFAULT_DEMO_EVENTS = 150_000;
export const DEFAULT_DEMO_SEED = 20260510;
const CHUNK = 20_000;
const RETRYABLE = new Set(['40P01', '40001']);

interface Resolved {
  campaignIds: string[];
  creativeIds: string[][];
  memberHashes: string[];
  timeZone: string;
}

async function upsertCatalog(
  client: PoolClient,
  orgId: string,
  plan: DemoPlan,
): Promise<Omit<Resolved, 'memberHashes' | 'timeZone'>> {
  const campaignIds: string[] = [];
  const creativeIds: string[][] = [];
  for (const c of plan.campaigns) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO campaigns (org_id, key, name, objective, starts_on, ends_on, tags, observance_id, observance_year)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8, $9)
       ON CONFLICT (org_id, key) DO UPDATE SET name = EXCLUDED.name
       RETURNING id`,
      [
        orgId,
        c.key,
        c.name,
        c.objective,
        c.startsOn,
        c.endsOn,
        c.tags,
        c.observanceSlug ? catalogueObservanceId(c.observanceSlug) : null,
        c.observanceSlug ? c.year : null,
      ],
    );
    const campaignId = rows[0]?.id;
    if (!campaignId) throw new Error(`demo campaign ${c.key} was not stored`);
    campaignIds.push(campaignId);
    const { rows: creatives } = await client.query<{ id: string; key: string }>(
      `INSERT INTO creatives (org_id, campaign_id, key, name, platform, format, theme, partner, tags)
       SELECT $1, $2, r.key, r.name, r.platform, r.format, r.theme, r.partner, ARRAY[r.theme]
       FROM jsonb_to_recordset($3::jsonb) AS r(key text, name text, platform text, format text, theme text, partner text)
       ON CONFLICT (org_id, campaign_id, key) DO UPDATE SET name = EXCLUDED.name
       RETURNING id, key`,
      [
        orgId,
        campaignId,
        JSON.stringify(
          c.creatives.map(({ key, name, platform, format, theme, partner }) => ({
            key,
            name,
            platform,
            format,
            theme,
            partner,
          })),
        ),
      ],
    );
    const idByKey = new Map(creatives.map((r) => [r.key, r.id]));
    creativeIds.push(c.creatives.map((k) => idByKey.get(k.key) ?? ''));
  }
  return { campaignIds, creativeIds };
}

function toStored(plan: DemoPlan, resolved: Resolved, e: GeneratedEvent): StoredEvent {
  const member = plan.members[e.member];
  const creative = plan.campaigns[e.campaign]?.creatives[e.creative];
  return {
    eventId: e.eventId,
    occurredAt: new Date(e.occurredAtMs).toISOString(),
    campaignId: resolved.campaignIds[e.campaign] ?? '',
    creativeId: resolved.creativeIds[e.campaign]?.[e.creative] ?? '',
    platform: creative?.platform ?? 'other',
    type: e.type,
    memberHash: resolved.memberHashes[e.member] ?? null,
    ageBand: member?.ageBand ?? 'unknown',
    gender: member?.gender ?? 'unknown',
    region: member?.region ?? 'unknown',
    language: member?.language ?? 'unknown',
    count: 1,
    importId: null,
  };
}

async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    await client.query('BEGIN');
    try {
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      const code = (error as { code?: string }).code;
      if (attempt >= 4 || !code || !RETRYABLE.has(code)) throw error;
    }
  }
}

export interface PreparedDemo {
  orgId: string;
  plan: DemoPlan;
  resolved: Resolved;
  started: number;
}

/** Set `cancelled` to stop a load after the chunk being written. */
export interface DemoCancel {
  cancelled: boolean;
}

/**
 * Step 1: the plan, the organisation's campaigns (linked to their observances) and creatives,
 * and the members' keyed hashes. Run it in the transaction that should own the campaigns.
 */
export async function prepareDemo(client: PoolClient, options: GenerateDemoOptions): Promise<PreparedDemo> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const plan = planDemo({ now: options.now ?? new Date(), seed, events: options.events ?? DEFAULT_DEMO_EVENTS });
  const { orgId } = options;
  const org = await readOrgSettings(client, orgId);
  if (!org) throw new Error(`organisation ${orgId} not found`);
  const catalog = await upsertCatalog(client, orgId, plan);
  const memberHashes = plan.members.map((m) => memberHash(org.memberKeySecret, m.id));
  return { orgId, plan, resolved: { ...catalog, memberHashes, timeZone: org.timeZone }, started };
}

/**
 * Step 2: about `events` raw events with keyed member hashes, written through the same writer
 * as the events API (raw events, rollups and reach). Event ids are deterministic, so running it
 * again with the same seed and `now` adds nothing.
 */
export async function writeDemoEvents(
  target: DemoTarget,
  prepared: PreparedDemo,
  cancel: DemoCancel = { cancelled: false },
): Promise<DemoDataSummary> {
  const { orgId, plan, resolved } = prepared;
  let generated = 0;
  let inserted = 0;
  const writeChunk = async (client: PoolClient, events: StoredEvent[]): Promise<void> => {
    const result = await writeEvents(client, { orgId, timeZone: resolved.timeZone, events });
    inserted += result.inserted;
  };
  // Generated events are compact; they become StoredEvents only just before they are written.
  const chunksOfDay = (dayIndex: number): GeneratedEvent[][] => {
    const events = generateDay(plan, dayIndex);
    generated += events.length;
    const chunks: GeneratedEvent[][] = [];
    for (let i = 0; i < events.length; i += CHUNK) chunks.push(events.slice(i, i + CHUNK));
    return chunks;
  };
  const stored = (chunk: readonly GeneratedEvent[]): StoredEvent[] => chunk.map((e) => toStored(plan, resolved, e));

  if (target.kind === 'transaction') {
    // Chunks of several days, in the caller's transaction.
    let pending: GeneratedEvent[] = [];
    for (let d = 0; d < plan.days.length && !cancel.cancelled; d += 1) {
      for (const chunk of chunksOfDay(d)) pending.push(...chunk);
      if (pending.length >= CHUNK) {
        await writeChunk(target.client, stored(pending));
        pending = [];
      }
    }
    if (pending.length > 0 && !cancel.cancelled) await writeChunk(target.client, stored(pending));
  } else {
    // Whole days per worker so concurrent writers touch different rollup rows; one transaction per chunk.
    const inflight = new Set<Promise<void>>();
    try {
      for (let d = 0; d < plan.days.length && !cancel.cancelled; d += 1) {
        const chunks = chunksOfDay(d);
        const job = (async () => {
          const { client, release } = await target.acquire();
          try {
            for (const chunk of chunks) {
              if (cancel.cancelled) return;
              const events = stored(chunk);
              await inTransaction(client, () => writeChunk(client, events));
            }
          } finally {
            release();
          }
        })();
        const tracked: Promise<void> = job.finally(() => inflight.delete(tracked));
        inflight.add(tracked);
        if (inflight.size >= target.concurrency) await Promise.race(inflight);
      }
      await Promise.all(inflight);
    } catch (error) {
      await Promise.allSettled(inflight);
      throw error;
    }
  }

  const seconds = (performance.now() - prepared.started) / 1000;
  return {
    orgId,
    seed: plan.seed,
    campaigns: plan.campaigns.length,
    creatives: plan.campaigns.reduce((sum, c) => sum + c.creatives.length, 0),
    members: plan.members.length,
    days: plan.days.length,
    eventsGenerated: generated,
    eventsInserted: inserted,
    cancelled: cancel.cancelled,
    seconds: Math.round(seconds * 100) / 100,
    eventsPerSecond: Math.round(generated / Math.max(seconds, 0.001)),
  };
}

/** Both steps: the catalogue in its own transaction (pool) or the caller's, then the events. */
export async function loadDemoData(
  target: DemoTarget,
  options: GenerateDemoOptions,
  cancel?: DemoCancel,
): Promise<DemoDataSummary> {
  if (target.kind === 'transaction') return writeDemoEvents(target, await prepareDemo(target.client, options), cancel);
  const { client, release } = await target.acquire();
  let prepared: PreparedDemo;
  try {
    prepared = await inTransaction(client, () => prepareDemo(client, options));
  } finally {
    release();
  }
  return writeDemoEvents(target, prepared, cancel);
}
