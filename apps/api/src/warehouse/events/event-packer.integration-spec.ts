import { createHash } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { exactPath } from '../../../test/exact-path.js';
import { createTestApp, testDatabaseUrl } from '../../../test/test-app.js';
import { createTenant, type Tenant } from '../../../test/tenancy.js';
import { event, seeder } from '../../analytics/analytics.test-helpers.js';
import { pgPool, withPgTransaction } from '../../infra/database/pg-transaction.js';
import { CubeBuilder } from '../cube/cube-builder.js';
import { RetentionService } from '../retention/retention.service.js';
import { packDay } from './event-packer.js';
import { EventPacker } from './event-packer.service.js';
import { writeEvents, type StoredEvent } from './event-writer.js';

/**
 * Closed days packed into `events_packed` (event-packer.ts) against the real database: every answer is the
 * one the raw rows gave, a resend into a packed day changes nothing (whichever of the write and the packing
 * comes first), a late event is counted once and packed with the rest, and deletions and retention reach
 * packed events. Days are relative to today: a day is packed once it is three UTC days old.
 */

const DAY_MS = 86_400_000;
/** The UTC date `n` days before today. */
const daysAgo = (n: number): string => new Date(Date.now() - n * DAY_MS).toISOString().slice(0, 10);
const memberHash = (label: string): string => createHash('sha256').update(label).digest().readBigInt64BE(0).toString();

describe('packed closed days', () => {
  let app: NestExpressApplication;
  let db: DataSource;

  beforeAll(async () => {
    // Retention at 60 days: the packer leaves days past 58 to it; the retention test moves "now" on.
    app = await createTestApp({ RESONANCE_RAW_EVENT_RETENTION_DAYS: '60' });
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  const buildMarkedDays = async (orgId: string): Promise<void> => {
    const days: { day: string }[] = await db.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM cube_dirty WHERE org_id = $1 AND pending ORDER BY day`,
      [orgId],
    );
    for (const { day } of days) await app.get(CubeBuilder).rebuildDay(orgId, day);
  };
  const stored = async (orgId: string): Promise<{ raw: number; packed: number; parts: number }> => {
    const [row] = await db.query(
      `SELECT (SELECT count(*) FROM events WHERE org_id = $1)::int AS raw,
              (SELECT coalesce(sum(n), 0) FROM events_packed WHERE org_id = $1)::int AS packed,
              (SELECT count(*) FROM events_packed WHERE org_id = $1)::int AS parts`,
      [orgId],
    );
    return row;
  };
  type Query = Record<string, string>;
  /** An answer without its `meta` (which says which store answered): the figures a user sees. */
  const ask = async (t: Tenant, path: string, query: Query): Promise<Record<string, unknown>> => {
    const { meta, ...figures } = (await t.agent.get(`/api/v1/analytics/${path}`).query(query).expect(200)).body;
    expect(meta).toBeDefined();
    // Figures: a summary's or a series' `current`, a breakdown's rows (never empty here).
    expect(figures['current'] ?? (figures['rows'] as unknown[] | undefined)?.[0]).toBeDefined();
    return figures;
  };

  /** A tenant with two campaigns, three creatives and `perDay` events a day on three closed days (members repeat). */
  async function seeded(perDay: number) {
    const t = await createTenant(app);
    const s = seeder(app, t.orgId);
    const spring = await s.campaign('spring');
    const autumn = await s.campaign('autumn');
    const creatives = [
      { campaignId: spring, creativeId: await s.creative(spring, 'c1', { platform: 'tiktok' }), platform: 'tiktok' },
      {
        campaignId: spring,
        creativeId: await s.creative(spring, 'c2', { platform: 'instagram' }),
        platform: 'instagram',
      },
      { campaignId: autumn, creativeId: await s.creative(autumn, 'c3', { platform: 'tiktok' }), platform: 'tiktok' },
    ];
    const days = [daysAgo(12), daysAgo(11), daysAgo(10)];
    const ages = ['18-24', '25-34', '35-44'];
    const genders = ['female', 'male', 'unknown'];
    const types = ['impression', 'impression', 'view', 'click', 'like'] as const;
    const events: StoredEvent[] = [];
    days.forEach((day, d) => {
      for (let i = 0; i < perDay; i++) {
        const m = (i * 7 + d) % 40;
        events.push(
          event({
            eventId: `p-${day}-${i}`,
            occurredAt: `${day}T${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00Z`,
            ...(creatives[i % 3] as (typeof creatives)[number]),
            type: types[i % types.length] as string,
            memberHash: i % 9 === 0 ? null : memberHash(`m${m}`),
            ageBand: ages[m % 3] as string,
            gender: genders[(m >> 2) % 3] as string,
            region: i % 2 === 0 ? 'DE' : 'AT',
            count: i % 13 === 0 ? 4 : 1,
          }),
        );
      }
    });
    expect(await s.events(events)).toEqual({ inserted: events.length, duplicates: 0 });
    await buildMarkedDays(t.orgId);
    return { t, s, spring, autumn, creatives, days, events };
  }

  const questions = (days: string[]): [string, Query][] => [
    ['summary', { from: days[0] as string, to: days[2] as string }],
    ['breakdown', { from: days[0] as string, to: days[2] as string, by: 'ageBand,gender' }],
    ['breakdown', { from: days[0] as string, to: days[2] as string, by: 'creative' }],
    ['timeseries', { from: days[0] as string, to: days[2] as string, granularity: 'hour' }],
  ];
  const answers = async (t: Tenant, days: string[]): Promise<unknown[]> => {
    const out: unknown[] = [];
    for (const [path, query] of questions(days)) out.push(await ask(t, path, query));
    return out;
  };

  it('packs closed, built days and answers every question as the raw rows did: from the cube, a rebuild and the exact path', async () => {
    const { t, days, events } = await seeded(120);
    // An import's row stays raw (its id is compared and revised in place).
    await db.query(
      `INSERT INTO events (org_id, event_id, occurred_at, day, campaign_id, creative_id, platform, type, count, import_id)
       SELECT org_id, 'import-1', occurred_at, day, campaign_id, creative_id, platform, 'view', 50, gen_random_uuid()
         FROM events WHERE org_id = $1 LIMIT 1`,
      [t.orgId],
    );
    await db.query(`UPDATE cube_dirty SET version = version + 1, pending = true WHERE org_id = $1`, [t.orgId]);
    await buildMarkedDays(t.orgId);
    const before = await answers(t, days);
    const exactBefore = await exactPath(app, () => answers(t, days));
    expect(exactBefore).toEqual(before);

    const result = await app.get(EventPacker).packClosedDays({ orgId: t.orgId });
    expect(result).toEqual({ days: 3, events: events.length });
    // Two campaigns on three days: six parts; only the import's row is left raw.
    expect(await stored(t.orgId)).toEqual({ raw: 1, packed: events.length, parts: 6 });
    // A second pass finds nothing to do.
    expect(await app.get(EventPacker).packClosedDays({ orgId: t.orgId })).toEqual({ days: 0, events: 0 });

    expect(await answers(t, days)).toEqual(before);
    expect(await exactPath(app, () => answers(t, days))).toEqual(before);
    // A rebuild reads the packed events (events_all) and stores the same cells.
    await db.query(`UPDATE cube_dirty SET version = version + 1, pending = true WHERE org_id = $1`, [t.orgId]);
    await buildMarkedDays(t.orgId);
    expect(await answers(t, days)).toEqual(before);
    // The analytics history still starts on the first packed day.
    const [history] = await db.query(
      `SELECT to_char(min(day), 'YYYY-MM-DD') AS first FROM events_all WHERE org_id = $1`,
      [t.orgId],
    );
    expect(history.first).toBe(days[0]);
  });

  it('counts a resend into a packed day as duplicates on both write paths, and a late event once, packed with the rest', async () => {
    const { t, s, days, events, creatives } = await seeded(60);
    await app.get(EventPacker).packClosedDays({ orgId: t.orgId });
    const before = await answers(t, days);

    // The statement path (writeEvents).
    expect(await s.events(events.slice(0, 50))).toEqual({ inserted: 0, duplicates: 50 });
    // The COPY path, through the API (ids as the API stores them: the client's own).
    const key = (await t.apiKey(['ingest'])).key;
    const [campaign] = await db.query(`SELECT key FROM campaigns WHERE id = $1`, [creatives[0]?.campaignId]);
    const late = (eventId: string) => ({
      eventId,
      occurredAt: `${days[1]}T09:15:00Z`,
      campaign: campaign.key,
      creative: 'c1',
      platform: 'tiktok',
      type: 'impression',
      memberId: 'late-member',
      ageBand: '25-34',
      gender: 'female',
      region: 'DE',
      language: 'de',
      count: 500,
    });
    const post = (body: unknown) =>
      request(app.getHttpServer())
        .post('/api/v1/events')
        .set('Authorization', `Bearer ${key}`)
        .send(body as object)
        .expect(200);
    const day1 = { from: days[1] as string, to: days[1] as string };
    const impressionsOf = (answer: Record<string, unknown>): number =>
      (answer['current'] as { impressions: number }).impressions;
    const day1Before = impressionsOf(await ask(t, 'summary', day1));
    expect((await post({ events: [late('late-1')] })).body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await post({ events: [late('late-1')] })).body).toMatchObject({ accepted: 0, duplicates: 1 });
    // Read your writes: the late event (500 impressions) is in the answer before its day is built again.
    const withLate = await ask(t, 'summary', day1);
    expect(impressionsOf(withLate)).toBeGreaterThan(day1Before + 400);
    expect(await exactPath(app, () => ask(t, 'summary', day1))).toEqual(withLate);
    expect(await answers(t, days)).not.toEqual(before);

    // Built and packed again: the late event joins its day's part; a resend of it stays a duplicate.
    await buildMarkedDays(t.orgId);
    expect(await app.get(EventPacker).packClosedDays({ orgId: t.orgId })).toEqual({ days: 1, events: 1 });
    expect(await stored(t.orgId)).toEqual({ raw: 0, packed: events.length + 1, parts: 6 });
    expect((await post({ events: [late('late-1'), late('late-2')] })).body).toMatchObject({
      accepted: 1,
      duplicates: 1,
    });
    const [counted] = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS ids FROM events_all WHERE org_id = $1`,
      [t.orgId],
    );
    expect(counted).toEqual({ n: events.length + 2, ids: events.length + 2 });
  });

  it('never stores an id twice when a resend and the packing of its day meet', async () => {
    const { t, days, events } = await seeded(40);
    const dayEvents = events.filter((e) => e.occurredAt.startsWith(days[0] as string));
    // The packing holds the day's mark; the resend waits for it, then finds the ids in the part.
    const packer = new pg.Client({ connectionString: testDatabaseUrl() });
    await packer.connect();
    try {
      await packer.query('BEGIN');
      expect(await packDay(packer as unknown as pg.PoolClient, { orgId: t.orgId, day: days[0] as string })).toBe(
        dayEvents.length,
      );
      const resend = withPgTransaction(db, (client) =>
        writeEvents(client, { orgId: t.orgId, timeZone: 'UTC', events: dayEvents }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      await packer.query('COMMIT');
      expect(await resend).toEqual({ inserted: 0, duplicates: dayEvents.length });
    } finally {
      await packer.end();
    }
    // The other way round: a resend holds the marks of the next day; its packing waits, then packs nothing new.
    const next = events.filter((e) => e.occurredAt.startsWith(days[1] as string));
    const client = await pgPool(db).connect();
    try {
      await client.query('BEGIN');
      expect(await writeEvents(client, { orgId: t.orgId, timeZone: 'UTC', events: next })).toEqual({
        inserted: 0,
        duplicates: next.length,
      });
      const packing = app.get(EventPacker).packClosedDays({ orgId: t.orgId });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.query('COMMIT');
      // The resend marked its day again: it is packed once rebuilt.
      expect((await packing).events).toBe(events.length - dayEvents.length - next.length);
    } finally {
      client.release();
    }
    await buildMarkedDays(t.orgId);
    await app.get(EventPacker).packClosedDays({ orgId: t.orgId });
    expect(await stored(t.orgId)).toEqual({ raw: 0, packed: events.length, parts: 6 });
  });

  it('deletes a campaign’s packed figures with it, and retention rewrites a packed day past its period', async () => {
    const { t, spring, days } = await seeded(60);
    await app.get(EventPacker).packClosedDays({ orgId: t.orgId });
    const [autumnBefore] = await db.query(
      `SELECT count(*)::int AS n FROM events_all e JOIN campaigns c ON c.id = e.campaign_id WHERE e.org_id = $1 AND c.key = 'autumn'`,
      [t.orgId],
    );
    // Only packed figures left: the campaign still has data, and is refused without deleteData.
    expect(await stored(t.orgId)).toMatchObject({ raw: 0 });
    await t.agent.delete(`/api/v1/campaigns/${spring}`).expect(409);
    await t.agent.delete(`/api/v1/campaigns/${spring}`).query({ deleteData: 'true' }).expect(204);
    const left = await db.query(
      `SELECT campaign_id::text, count(*)::int AS n FROM events_all WHERE org_id = $1 GROUP BY 1`,
      [t.orgId],
    );
    expect(left).toEqual([{ campaign_id: expect.any(String), n: autumnBefore.n }]);
    expect(left[0].campaign_id).not.toBe(spring);
    await buildMarkedDays(t.orgId);
    const summary = await ask(t, 'summary', { from: days[0] as string, to: days[2] as string });
    const exact = await exactPath(app, () => ask(t, 'summary', { from: days[0] as string, to: days[2] as string }));
    expect(summary).toEqual(exact);

    // Retention, run as if 55 days had passed: the packed days are 65–67 days old, past the 60-day period.
    const [countsBefore] = await db.query(
      `SELECT sum(count)::int AS n, count(DISTINCT member_hash)::int AS members FROM events_all WHERE org_id = $1`,
      [t.orgId],
    );
    const replaced = await app
      .get(RetentionService)
      .purgeRawEvents({ now: new Date(Date.now() + 55 * DAY_MS), orgId: t.orgId });
    expect(replaced).toBe(autumnBefore.n);
    expect(await stored(t.orgId)).toMatchObject({ packed: 0, parts: 0 });
    const [countsAfter] = await db.query(
      `SELECT sum(count)::int AS n, count(DISTINCT member_hash)::int AS members,
              count(*) FILTER (WHERE event_id NOT LIKE '~kept:%')::int AS raw FROM events_all WHERE org_id = $1`,
      [t.orgId],
    );
    expect(countsAfter).toEqual({ ...countsBefore, raw: 0 });
  });

  it('a scheduled pass waits while events are being written, packs once they pause, and waits no longer than its limit', async () => {
    const packer = app.get(EventPacker);
    const packedDays = async (orgId: string): Promise<number> => {
      const [row] = await db.query(
        `SELECT count(*)::int AS n FROM cube_dirty WHERE org_id = $1 AND packed_version IS NOT NULL`,
        [orgId],
      );
      return row.n;
    };
    // Another organisation writes today's events, one every 200 ms, until stopped.
    const writer = await createTenant(app);
    const writerSeed = seeder(app, writer.orgId);
    const campaignId = await writerSeed.campaign('live');
    const creativeId = await writerSeed.creative(campaignId, 'c1', { platform: 'tiktok' });
    const keepWriting = (): (() => Promise<void>) => {
      let writing = true;
      const loop = (async () => {
        while (writing) {
          const live = event({ occurredAt: new Date().toISOString(), campaignId, creativeId, type: 'impression' });
          await writerSeed.events([live]);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      })();
      return async () => {
        writing = false;
        await loop;
      };
    };

    const { t } = await seeded(30);
    let stop = keepWriting();
    try {
      let finished = false;
      const pass = packer
        .packClosedDays({ orgId: t.orgId, giveWay: { quietMs: 3_000, maxWaitMs: 60_000, pollMs: 100 } })
        .then((result) => {
          finished = true;
          return result;
        });
      // Five seconds of writes, longer than the quiet time: nothing packed.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      expect(finished).toBe(false);
      expect(await packedDays(t.orgId)).toBe(0);
      await stop();
      const stoppedAt = Date.now();
      expect(await pass).toEqual({ days: 3, events: 90 });
      // Packed once the writes had paused for the quiet time (the statistics reach the counter within ~1 s).
      expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(2_000);
      expect(await stored(t.orgId)).toEqual({ raw: 0, packed: 90, parts: 6 });

      // Under writes that never pause, a pass packs once it has waited its limit.
      const more = await seeded(10);
      stop = keepWriting();
      const started = Date.now();
      const limited = await packer.packClosedDays({
        orgId: more.t.orgId,
        giveWay: { quietMs: 60_000, maxWaitMs: 2_000, pollMs: 100 },
      });
      expect(limited).toEqual({ days: 3, events: 30 });
      expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
      expect(await packedDays(more.t.orgId)).toBe(3);
    } finally {
      await stop();
    }
  }, 120_000);
});
