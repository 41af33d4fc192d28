import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../../test/test-app.js';
import { createTenant, type Tenant } from '../../../test/tenancy.js';
import { withPgTransaction } from '../../infra/database/pg-transaction.js';
import {
  WRITE_BATCH_ARGUMENTS,
  WRITE_BATCH_FUNCTIONS,
  writeBatchFunctionSource,
  writeEventCopy,
  writeEvents,
  type StoredEvent,
} from './event-writer.js';
import { eventCopy, type DayEvent } from './event-copy.js';

/**
 * The batch write exists once: the database functions migration 1765000000150 created must still be
 * the writer's current statement (a change to the template without a migration re-creating them
 * fails here), they must write what the inline statement writes, and on a Citus cluster they must be
 * distributed by the organisation id next to `events` (so a batch is one call to one worker).
 */
describe('event batch write functions', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let tenant: Tenant;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    tenant = await createTenant(app, { name: 'Batch functions' });
  });

  afterAll(async () => {
    await app.close();
  });

  it.each(WRITE_BATCH_FUNCTIONS.map((fn) => [fn.name, fn] as const))(
    '%s in the database is the current write statement',
    async (name, fn) => {
      const rows: { source: string }[] = await db.query(
        `SELECT prosrc AS source FROM pg_proc WHERE oid = to_regprocedure($1)`,
        [`${name}(${WRITE_BATCH_ARGUMENTS})`],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.source).toBe(writeBatchFunctionSource(fn));
    },
  );

  it('on a Citus cluster both are distributed by the organisation id, co-located with events, delegated in transactions', async () => {
    const citus: unknown[] = await db.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
    if (citus.length === 0) {
      // One PostgreSQL: nothing to distribute; the writer calls the functions there too (checked below).
      expect(WRITE_BATCH_FUNCTIONS.map((fn) => fn.name)).toEqual(['write_event_batch', 'write_new_event_batch']);
      return;
    }
    const rows: { name: string; arg: number; delegated: boolean; colocated: boolean }[] = await db.query(
      `SELECT p.proname AS name, o.distribution_argument_index AS arg, o.force_delegation AS delegated,
              o.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'events'::regclass) AS colocated
         FROM pg_dist_object o JOIN pg_proc p ON p.oid = o.objid
        WHERE o.classid = 'pg_proc'::regclass AND p.proname LIKE 'write%event_batch'
        ORDER BY 1`,
    );
    expect(rows).toEqual([
      { name: 'write_event_batch', arg: 0, delegated: true, colocated: true },
      { name: 'write_new_event_batch', arg: 0, delegated: true, colocated: true },
    ]);
  });

  it('writes what the writer writes: events once (the rollups and reach are views over them), a mark per day', async () => {
    const campaignId = randomUUID();
    const creativeId = randomUUID();
    const event = (
      eventId: string,
      occurredAt: string,
      type: string,
      count: number,
      member: string | null,
    ): StoredEvent => ({
      eventId,
      occurredAt,
      campaignId,
      creativeId,
      platform: 'instagram',
      type,
      memberHash: member,
      ageBand: '25-34',
      gender: 'female',
      region: 'US',
      language: 'en',
      count,
      importId: null,
    });
    const batch = [
      event('fn-1', '2026-03-01T10:00:00Z', 'impression', 1, '101'),
      event('fn-2', '2026-03-01T11:00:00Z', 'click', 1, '101'),
      event('fn-3', '2026-03-02T09:00:00Z', 'impression', 40, null),
    ];
    const write = (events: StoredEvent[], optimistic: boolean) =>
      withPgTransaction(db, (client) =>
        writeEvents(client, { orgId: tenant.orgId, timeZone: 'UTC', events, optimistic }),
      );

    expect(await write(batch, true)).toEqual({ inserted: 3, duplicates: 0 });
    // A resend with one new event: the optimistic try fails on the stored ids and the checked write keeps only the new one.
    expect(await write([...batch, event('fn-4', '2026-03-01T12:00:00Z', 'impression', 2, '102')], true)).toEqual({
      inserted: 1,
      duplicates: 3,
    });
    expect(await write(batch, false)).toEqual({ inserted: 0, duplicates: 3 });

    const rollups: { day: string; impressions: string; clicks: string }[] = await db.query(
      `SELECT day::text AS day, sum(impressions)::text AS impressions, sum(clicks)::text AS clicks
         FROM rollup_daily_creative WHERE org_id = $1 AND creative_id = $2 GROUP BY day ORDER BY day`,
      [tenant.orgId, creativeId],
    );
    expect(rollups).toEqual([
      { day: '2026-03-01', impressions: '3', clicks: '1' },
      { day: '2026-03-02', impressions: '40', clicks: '0' },
    ]);
    // Members 101 (two events) and 102 on day 1; day 2's event has no member.
    const reach: { day: string; n: number }[] = await db.query(
      `SELECT day::text AS day, count(DISTINCT member_hash)::int AS n FROM reach_daily
        WHERE org_id = $1 AND creative_id = $2 GROUP BY day`,
      [tenant.orgId, creativeId],
    );
    expect(reach).toEqual([{ day: '2026-03-01', n: 2 }]);
    // Nothing but events is stored per event: the four derived relations are views.
    const kinds: { name: string; kind: string }[] = await db.query(
      `SELECT relname AS name, relkind::text AS kind FROM pg_class
        WHERE relname IN ('rollup_daily', 'rollup_daily_creative', 'rollup_hourly', 'reach_daily')
          AND relnamespace = to_regnamespace(current_schema()) ORDER BY relname`,
    );
    expect(kinds.map((k) => [k.name, k.kind])).toEqual([
      ['reach_daily', 'v'],
      ['rollup_daily', 'v'],
      ['rollup_daily_creative', 'v'],
      ['rollup_hourly', 'v'],
    ]);
    const marks: { day: string; version: number; pending: boolean }[] = await db.query(
      `SELECT day::text AS day, version::int AS version, pending FROM cube_dirty
        WHERE org_id = $1 AND day IN ('2026-03-01', '2026-03-02') ORDER BY day`,
      [tenant.orgId],
    );
    // Every write marks its days before its events (the optimistic try that failed rolled its marks back):
    // day 1 by the first write, the resend with fn-4 and the all-duplicate resend; day 2 likewise.
    expect(marks.map((m) => [m.day, m.version])).toEqual([
      ['2026-03-01', 3],
      ['2026-03-02', 3],
    ]);
    // Each event carries its day's mark version at its write: a build at version v holds exactly version <= v.
    const versions: { id: string; version: number }[] = await db.query(
      `SELECT event_id AS id, version::int AS version FROM events WHERE org_id = $1 AND event_id LIKE 'fn-%' ORDER BY 1`,
      [tenant.orgId],
    );
    expect(versions).toEqual([
      { id: 'fn-1', version: 1 },
      { id: 'fn-2', version: 1 },
      { id: 'fn-3', version: 1 },
      { id: 'fn-4', version: 2 },
    ]);
  });

  it("ingest's COPY stores what the statement stores, under its days' marks, and a resend through the staging table adds only new ids", async () => {
    const campaignId = randomUUID();
    const creativeId = randomUUID();
    const event = (eventId: string, occurredAt: string, day: string, member: string | null): DayEvent => ({
      eventId,
      occurredAt,
      day,
      campaignId,
      creativeId,
      platform: 'tiktok',
      type: 'impression',
      memberHash: member,
      ageBand: '18-24',
      gender: 'male',
      region: 'GB-ENG',
      language: 'en-GB',
      count: 2,
      importId: null,
    });
    // Client ids COPY's text format must escape: a tab, a backslash, a newline, a carriage return, `\N`.
    const ids = ['cp\ttab', 'cp\\back', 'cp\nline', 'cp\rret', '\\N'];
    const first = [
      event(ids[0] as string, '2026-04-01T23:30:00Z', '2026-04-01', '7'),
      event(ids[1] as string, '2026-04-02T01:00:00Z', '2026-04-02', null),
      event(ids[2] as string, '2026-04-02T02:00:00Z', '2026-04-02', '8'),
      // Repeated within the batch: the first counts.
      event(ids[2] as string, '2026-04-02T03:00:00Z', '2026-04-02', '9'),
    ];
    const write = (events: DayEvent[]) =>
      withPgTransaction(db, (client) =>
        writeEventCopy(client, { orgId: tenant.orgId, copy: eventCopy(tenant.orgId, events) }),
      );

    expect(eventCopy(tenant.orgId, first).rows).toBe(3);
    expect(await write(first)).toBe(3);
    // A resend of all three with two new ids: the COPY fails on the stored ids, the staging table keeps the new ones.
    expect(
      await write([
        ...first,
        event(ids[3] as string, '2026-04-02T04:00:00Z', '2026-04-02', '7'),
        event(ids[4] as string, '2026-04-03T04:00:00Z', '2026-04-03', null),
      ]),
    ).toBe(2);
    expect(await write(first)).toBe(0);
    // A batch whose line ends do not match its bytes is refused before anything is written.
    const broken = eventCopy(tenant.orgId, [event('cp-broken', '2026-04-02T05:00:00Z', '2026-04-02', null)]);
    broken.rowEnds[0] = (broken.rowEnds[0] as number) - 1;
    await expect(
      withPgTransaction(db, (client) => writeEventCopy(client, { orgId: tenant.orgId, copy: broken })),
    ).rejects.toThrow(/does not end where the batch says/);
    expect(await db.query(`SELECT 1 FROM events WHERE org_id = $1 AND event_id = 'cp-broken'`, [tenant.orgId])).toEqual(
      [],
    );

    const stored: { id: string; day: string; version: number; member: string | null; count: number; at: string }[] =
      await db.query(
        `SELECT event_id AS id, day::text AS day, version::int AS version, member_hash::text AS member, count,
                to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS at
           FROM events WHERE org_id = $1 AND creative_id = $2 ORDER BY occurred_at`,
        [tenant.orgId, creativeId],
      );
    expect(stored).toEqual([
      { id: ids[0], day: '2026-04-01', version: 1, member: '7', count: 2, at: '2026-04-01T23:30' },
      { id: ids[1], day: '2026-04-02', version: 1, member: null, count: 2, at: '2026-04-02T01:00' },
      { id: ids[2], day: '2026-04-02', version: 1, member: '8', count: 2, at: '2026-04-02T02:00' },
      // Written by the resend, under day 2's second mark; day 3 was first marked by it.
      { id: ids[3], day: '2026-04-02', version: 2, member: '7', count: 2, at: '2026-04-02T04:00' },
      { id: ids[4], day: '2026-04-03', version: 1, member: null, count: 2, at: '2026-04-03T04:00' },
    ]);
    const marks: { day: string; version: number }[] = await db.query(
      `SELECT day::text AS day, version::int AS version FROM cube_dirty
        WHERE org_id = $1 AND day BETWEEN '2026-04-01' AND '2026-04-03' ORDER BY day`,
      [tenant.orgId],
    );
    // Three writes marked days 1 and 2; the resend marked day 3 first, the last write did not name it.
    expect(marks).toEqual([
      { day: '2026-04-01', version: 3 },
      { day: '2026-04-02', version: 3 },
      { day: '2026-04-03', version: 1 },
    ]);

    // The same events through the statement writer land as the same rows.
    const viaStatement = randomUUID();
    await withPgTransaction(db, (client) =>
      writeEvents(client, {
        orgId: tenant.orgId,
        timeZone: 'UTC',
        events: first.map((e) => ({ ...e, eventId: `st-${e.eventId}`, creativeId: viaStatement })),
      }),
    );
    const both: { id: string; day: string; rest: string }[] = await db.query(
      `SELECT regexp_replace(event_id, '^st-', '') AS id, day::text AS day,
              concat_ws('|', occurred_at, campaign_id, platform, type, member_hash, age_band, gender, region, language, count, import_id) AS rest
         FROM events WHERE org_id = $1 AND creative_id IN ($2, $3) AND event_id = ANY($4::text[])
        ORDER BY 1, creative_id = $3`,
      [tenant.orgId, creativeId, viaStatement, [...ids.slice(0, 3), ...ids.slice(0, 3).map((id) => `st-${id}`)]],
    );
    expect(both).toHaveLength(6);
    for (let i = 0; i < 6; i += 2) expect(both[i + 1]).toEqual(both[i]);
  });

  it('binary COPY stores every value as the statement does: instants to the microsecond, hashes, ids, imports', async () => {
    const campaignId = randomUUID();
    const creativeId = randomUUID();
    const importId = randomUUID();
    const instants = [
      '2026-04-05T10:00:00Z',
      '2026-04-05T10:00:00.5Z',
      '2026-04-05T12:00:00.123456+02:00',
      '2026-04-05T10:00:00.1234565Z',
      '2026-04-05T10:00:00.1234575Z',
      '2026-04-05T10:00:00.0000015Z',
      '2026-04-05T10:59:59.9999999Z',
      '2026-04-05T23:30:00-05:00',
    ];
    const hashes = ['-9223372036854775808', '9223372036854775807', '0', '-1', null, '42', '-4242', '1'];
    const events: DayEvent[] = instants.map((occurredAt, i) => ({
      eventId: `bin-${i}-${'✓é\t'.slice(0, i % 4)}`,
      occurredAt,
      day: new Date(Date.parse(occurredAt)).toISOString().slice(0, 10),
      campaignId,
      creativeId,
      platform: 'instagram',
      type: i % 2 ? 'view' : 'impression',
      memberHash: hashes[i] ?? null,
      ageBand: '25-34',
      gender: 'female',
      region: 'US-NY',
      language: 'pt-BR',
      count: i === 3 ? 2_147_483_647 : i + 1,
      importId: i % 3 === 0 ? importId : null,
    }));
    await withPgTransaction(db, (client) =>
      writeEventCopy(client, { orgId: tenant.orgId, copy: eventCopy(tenant.orgId, events) }),
    );
    await withPgTransaction(db, (client) =>
      writeEvents(client, {
        orgId: tenant.orgId,
        timeZone: 'UTC',
        events: events.map((e) => ({ ...e, eventId: `st-${e.eventId}` })),
      }),
    );
    const rows: { id: string; rest: string }[] = await db.query(
      `SELECT regexp_replace(event_id, '^st-', '') AS id,
              concat_ws('|', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), day, campaign_id,
                        creative_id, platform, type, coalesce(member_hash::text, 'null'), age_band, gender, region,
                        language, count, coalesce(import_id::text, 'null')) AS rest
         FROM events WHERE org_id = $1 AND campaign_id = $2 ORDER BY 1, event_id LIKE 'st-%'`,
      [tenant.orgId, campaignId],
    );
    expect(rows).toHaveLength(16);
    for (let i = 0; i < 16; i += 2) expect(rows[i]).toEqual(rows[i + 1]);
    // PostgreSQL's own reading of each instant, and the hashes as given.
    const expected: { at: string }[] = await db.query(
      `SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS at FROM unnest($1::timestamptz[]) WITH ORDINALITY AS u(t, n) ORDER BY n`,
      [instants],
    );
    const byId = new Map(rows.map((r) => [r.id, r.rest]));
    events.forEach((e, i) => {
      const rest = byId.get(e.eventId)?.split('|') ?? [];
      expect(rest[0]).toBe(expected[i]?.at);
      expect(rest[6]).toBe(e.memberHash ?? 'null');
      expect(rest[11]).toBe(String(e.count));
      expect(rest[12]).toBe(e.importId ?? 'null');
    });
  });
});
