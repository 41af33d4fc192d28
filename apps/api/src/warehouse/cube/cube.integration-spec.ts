import { createHash } from 'node:crypto';
import { jest } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SKETCH_EXPLICIT_LIMIT, SKETCH_RELATIVE_STANDARD_ERROR } from '@resonance/analytics';
import type { IngestEvent } from '@resonance/contracts';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { exactPath } from '../../../test/exact-path.js';
import { createTestApp, testDatabaseUrl } from '../../../test/test-app.js';
import { publishedFor, type Published } from '../../../test/published.js';
import { createTenant, type Tenant } from '../../../test/tenancy.js';
import { Prng } from '../../common/random/prng.js';
import type { StoredEvent } from '../events/event-writer.js';
import { event, seeder } from '../../analytics/analytics.test-helpers.js';
import { CubeBuilder } from './cube-builder.js';
import { CubeReader } from './cube-reader.js';
import { ALL_CAMPAIGNS, CUBE_GRAINS, HOUR_GRAIN } from './cube-grains.js';

/**
 * The analytics cube (cube_daily, rebuilt per org-local day from rollup_daily/reach_daily for the
 * days cube_dirty marks) against the real database, through the HTTP routes. Org A holds every
 * dataset, each on its own dates so that organisation-wide questions of one test never see another
 * test's events; org B has none of A's data. Org time zone UTC, suppression threshold 11: every
 * figure asserted below is 0 or ≥ 11 so that it is published.
 *
 *   2026-04-06…07  "fresh"      freshness and read-your-writes (events through POST /api/v1/events)
 *   2026-05-01…14  "agree-*"    cube answers == exact (rollup) answers, 3 campaigns, 5 creatives
 *   2026-06-01…03  "big/small"  > 2,048 people: reach estimated from sketches, and said so
 *   2026-07-01     "doomed/kept" deleting a campaign with its data
 *   2026-07-15     "bg"         background refresh
 *   2026-08-03     "busy"       concurrent ingest and rebuilds
 *   2026-08-10     "midway"     events committed while a rebuild of their day is under way
 *   2026-09-07/14  "inflight"   refreshAll() called while a run is in flight
 *   2026-09-21…27  "kept-rows"  a reach answer's cells kept in memory, read again when a build or a theme changes
 *   2026-10-05     "versions"   a day's marks count their own versions, and a build never hides a later mark
 *   2026-10-12     "conflict"   a member's events of one day and creative disagree on their audience
 *   2026-11-16…17  "live"       a day changed since its build: read from its exact rows, never rebuilt by a read
 *   2026-11-23…24  "sums"       a counts-only answer kept in memory, read again when a day's build changes
 *   2026-12-06…14  "weeks"      week cells of the creative grains (Mon 12-07 … Sun 12-13 a whole week)
 *   2026-12-21     "live-week"  a week's cells left to the build of a day's latest write
 *   2026-10-29…11-03 "hours-*"   the hour grain: other time zones and hour buckets (a DST change in New York on
 *                                11-01); orgs C (America/New_York) and D (Asia/Kolkata, +5:30) hold their own
 */

/** A member hash as stored: a signed 64-bit integer (decimal string), uniformly spread like the HMAC ingest uses. */
function memberHash(label: string): string {
  return createHash('sha256').update(label).digest().readBigInt64BE(0).toString();
}

const AGES = ['13-17', '18-24', '25-34', '35-44'] as const;
const GENDERS = ['female', 'male', 'non_binary', 'unknown'] as const;
const REGIONS = ['DE', 'AT', 'CH'] as const;

type Query = Record<string, string | string[]>;
type Body = Record<string, any>;

describe('analytics cube', () => {
  let app: NestExpressApplication;
  let db: DataSource;
  let a: Tenant;
  let b: Tenant;
  let ingestKey: string;
  /** Published figures (cell-key perturbation) of hand-computed counts: test/published.ts. */
  let pub: Published;
  const P = (vector: { impressions: number; engagements?: number; clicks?: number }, reach?: number) =>
    pub.counts(vector, reach);
  /** [impressions, reach] as published for a cell with these counts. */
  const IR = (impressions: number, engagements: number, reach: number) => [
    pub.count({ impressions, engagements }, 'impressions'),
    pub.count({ impressions, engagements }, 'reach', reach),
  ];

  const get = (tenant: Tenant, path: string, query: Query) => tenant.agent.get(path).query(query);
  const summary = async (tenant: Tenant, query: Query): Promise<Body> =>
    (await get(tenant, '/api/v1/analytics/summary', query).expect(200)).body;
  const breakdown = async (tenant: Tenant, query: Query): Promise<Body> =>
    (await get(tenant, '/api/v1/analytics/breakdown', query).expect(200)).body;
  const timeseries = async (tenant: Tenant, query: Query): Promise<Body> =>
    (await get(tenant, '/api/v1/analytics/timeseries', query).expect(200)).body;
  const ingest = (events: IngestEvent[]) =>
    request(app.getHttpServer()).post('/api/v1/events').set('Authorization', `Bearer ${ingestKey}`).send(events);
  const dirtyDays = async (orgId: string): Promise<string[]> =>
    (
      await db.query<{ day: string }[]>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM cube_dirty WHERE org_id = $1 AND pending ORDER BY day`,
        [orgId],
      )
    ).map((r) => r.day);
  /**
   * Builds the days of one organisation that are marked now, each as the refresher builds a day
   * (CubeBuilder.rebuildDay). Not refreshAll(): that first waits for the background pass and then builds
   * every organisation's marked days, and the other suites share this database — an import suite's
   * backlog (1,400 days seen during the whole api run) kept it busy past jest's timeout on two loaded cores.
   */
  /**
   * The tests of refreshAll() itself: it builds every organisation's marked days in the shared test
   * database, and while the whole api suite runs the other suites leave up to ~1,400 of them (the rest of
   * this file builds its own organisation's days only, so they meet that backlog here).
   */
  const REFRESH_ALL_TIMEOUT_MS = 180_000;
  const buildMarkedDays = async (orgId: string): Promise<void> => {
    const builder = app.get(CubeBuilder);
    for (const day of await dirtyDays(orgId)) await builder.rebuildDay(orgId, day);
  };

  /**
   * Holds the row locks of a day's cube cells in a transaction of its own, so that a rebuild of that day
   * stops where it replaces them (after it has read the rollups); release() lets it go on.
   */
  async function holdCubeCells(orgId: string, day: string): Promise<{ pid: number; release(): Promise<void> }> {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    // The background refresher may be replacing the day's cells at this moment: a row it deletes is skipped
    // by FOR UPDATE, so take the locks again until the day's cells are held.
    let locked = 0;
    for (let attempt = 0; attempt < 50 && locked === 0; attempt++) {
      if (attempt > 0) {
        await client.query('ROLLBACK');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await client.query('BEGIN');
      const rows = await client.query(`SELECT 1 FROM cube_daily WHERE org_id = $1 AND day = $2::date FOR UPDATE`, [
        orgId,
        day,
      ]);
      locked = rows.rowCount ?? 0;
    }
    expect(locked).toBeGreaterThan(0);
    // On a Citus cluster the rebuild waits on the worker holding the shard: its global pid is what
    // citus_lock_waits reports (see rebuildWaiting).
    const citus = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`);
    const backend = await client.query<{ pid: string }>(
      citus.rowCount ? `SELECT citus_backend_gpid()::text AS pid` : `SELECT pg_backend_pid()::text AS pid`,
    );
    return {
      pid: Number(backend.rows[0]?.pid),
      async release() {
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  }

  /**
   * Holds the locks a cube build's write step takes for these days, until released: the background
   * refresher can read them but not build them while a test asks its questions.
   */
  async function holdCubeDayBuilds(orgId: string, days: readonly string[]): Promise<{ release(): Promise<void> }> {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    client.on('error', () => undefined); // the next query reports it
    await client.connect();
    await client.query('BEGIN');
    for (const day of days) {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('cube_day'), hashtext($1::text || $2::text))`, [
        orgId,
        day,
      ]);
    }
    return {
      async release() {
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  }

  /**
   * Until a statement waits for the locks holdCubeCells holds (a rebuild of that day, stopped). `rebuild` is the
   * test's own rebuild: should it finish first, no rebuild is held, and the test says so at once rather than
   * polling on (on a cluster each poll asks every node, and 1,000 of them ran past jest's timeout).
   */
  async function rebuildWaiting(holder: { pid: number }, rebuild: Promise<unknown>): Promise<void> {
    let settled = false;
    void rebuild.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (let attempt = 0; attempt < 1000; attempt++) {
      if (settled) {
        await rebuild; // its own error, if it failed
        throw new Error('the rebuild finished without waiting for the held cube cells');
      }
      const [citus] = await db.query<{ on: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS on`,
      );
      const [row] = await db.query<{ n: number }[]>(
        citus?.on
          ? `SELECT count(*)::int AS n FROM citus_lock_waits WHERE blocking_gpid = $1::bigint`
          : `SELECT count(*)::int AS n FROM pg_stat_activity WHERE $1::int = ANY(pg_blocking_pids(pid))`,
        [holder.pid],
      );
      if ((row?.n ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('no rebuild came to wait for the held cube cells');
  }

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
    [a, b] = await Promise.all([createTenant(app, { name: 'Cube A' }), createTenant(app, { name: 'Cube B' })]);
    ingestKey = (await a.apiKey(['ingest'])).key;
    pub = await publishedFor(app, a.orgId);
  });

  afterAll(async () => {
    await app.close();
  });

  it('read-your-writes: a summary right after ingest includes the new events, for a changed day and a new one; resends change nothing', async () => {
    await a.agent.post('/api/v1/campaigns').send({ key: 'fresh', name: 'Fresh' }).expect(201);
    let n = 0;
    const ev = (fields: Partial<IngestEvent> & Pick<IngestEvent, 'occurredAt' | 'type'>): IngestEvent => ({
      eventId: `fresh-${(n += 1)}`,
      campaign: 'fresh',
      creative: 'f1',
      platform: 'tiktok',
      ageBand: '25-34',
      gender: 'female',
      region: 'DE',
      language: 'de',
      ...fields,
    });
    const member = (i: number) => `fresh-member-${i}`;
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    // Batch 1, 04-06: 30 impressions (one aggregated row) + 12 members (1…12) × 1 impression, 15 likes.
    // → impressions 42, engagements 15, reach 12.
    const first = [
      ev({ type: 'impression', count: 30, occurredAt: '2026-04-06T08:00:00Z' }),
      ...range(1, 12).map((i) => ev({ type: 'impression', memberId: member(i), occurredAt: '2026-04-06T09:00:00Z' })),
      ev({ type: 'like', count: 15, occurredAt: '2026-04-06T10:00:00Z' }),
    ];
    expect((await ingest(first).expect(200)).body).toMatchObject({
      accepted: first.length,
      duplicates: 0,
      rejected: 0,
    });
    const period = { campaign: 'fresh', from: '2026-04-06', to: '2026-04-07' };
    const before = await summary(a, period);
    expect(before.meta.source).toBe('cube_daily');
    expect(before.current).toMatchObject(P({ impressions: 42, engagements: 15 }, 12));

    // Batch 2, straight after that read built the cube for 04-06:
    //   04-06: 20 impressions (aggregated) + members 1…3 again (new event ids) + new members 13…15 → +26 impressions
    //   04-07: members 1…10 and 16…30 × 1 impression (25) + 12 likes
    // 04-06: 42 + 26 = 68 impressions, reach 15 (members 1…15); 04-07: 25 impressions, reach 25.
    // Period: impressions 68 + 25 = 93, engagements 15 + 12 = 27, reach 30 (members 1…30, each once).
    const second = [
      ev({ type: 'impression', count: 20, occurredAt: '2026-04-06T18:00:00Z' }),
      ...[...range(1, 3), ...range(13, 15)].map((i) =>
        ev({ type: 'impression', memberId: member(i), occurredAt: '2026-04-06T19:00:00Z' }),
      ),
      ...[...range(1, 10), ...range(16, 30)].map((i) =>
        ev({ type: 'impression', memberId: member(i), occurredAt: '2026-04-07T09:00:00Z' }),
      ),
      ev({ type: 'like', count: 12, occurredAt: '2026-04-07T10:00:00Z' }),
    ];
    expect((await ingest(second).expect(200)).body).toMatchObject({ accepted: second.length, duplicates: 0 });
    const after = await summary(a, period);
    expect(after.meta.source).toBe('cube_daily');
    expect(after.meta.reach.method).toBe('exact');
    expect(after.current).toMatchObject(P({ impressions: 93, engagements: 27 }, 30));
    const series = await timeseries(a, period);
    expect(series.meta.source).toBe('cube_daily');
    expect(
      series.current.map((bucket: { bucket: string; metrics: Body }) => [
        bucket.bucket,
        bucket.metrics['impressions'],
        bucket.metrics['reach'],
      ]),
    ).toEqual([
      ['2026-04-06', ...IR(68, 15, 15)],
      ['2026-04-07', ...IR(25, 12, 25)],
    ]);

    // The same two batches again (a retried request): every event a duplicate, no figure moves.
    expect((await ingest([...first, ...second]).expect(200)).body).toMatchObject({
      accepted: 0,
      duplicates: first.length + second.length,
    });
    const resent = await summary(a, period);
    expect(resent.meta.source).toBe('cube_daily');
    expect(resent.current).toEqual(after.current);
    expect((await timeseries(a, period)).current).toEqual(series.current);

    // Batch 3, after both days were read (their sketches may be cached): 04-07 gets members 31…45 (new) and 1…5
    // (seen before) × 1 impression. 04-07: 25 + 20 = 45 impressions, reach 25 + 15 = 40.
    // Period: impressions 93 + 20 = 113, engagements 27, reach 45 (members 1…45).
    const third = [...range(31, 45), ...range(1, 5)].map((i) =>
      ev({ type: 'impression', memberId: member(i), occurredAt: '2026-04-07T20:00:00Z' }),
    );
    expect((await ingest(third).expect(200)).body).toMatchObject({ accepted: third.length, duplicates: 0 });
    const last = await summary(a, period);
    expect(last.meta.source).toBe('cube_daily');
    expect(last.current).toMatchObject(P({ impressions: 113, engagements: 27 }, 45));
    expect(
      (await timeseries(a, period)).current.map((bucket: { metrics: Body }) => [
        bucket.metrics['impressions'],
        bucket.metrics['reach'],
      ]),
    ).toEqual([IR(68, 15, 15), IR(45, 12, 40)]);
  });

  describe('cube and exact path agree', () => {
    /**
     * 3 campaigns, 5 creatives, 14 days (Fri 2026-05-01 … Thu 05-14: week buckets 04-27 (clipped), 05-04, 05-11).
     * 400 members, each with fixed age band (i mod 4), gender (⌊i/4⌋ mod 4), region (⌊i/16⌋ mod 3), language
     * (every 5th 'fr'), seen 2–5 times on random days and creatives (1 impression, a like with p = 0.4, a
     * click with p = 0.15 each time), and per creative and day aggregated rows without a member:
     * 30–59 impressions, 11–20 likes, 11–20 clicks with random age band, gender and region; creative a2
     * (Instagram) also has 25 impressions and 12 likes a day on Facebook (cross-posted).
     * The expected totals are computed from the generated events below (too many to add up by hand);
     * reach stays under SKETCH_EXPLICIT_LIMIT people, so both paths count it exactly.
     */
    const from = '2026-05-01';
    const to = '2026-05-14';
    const days = Array.from({ length: 14 }, (_, i) => `2026-05-${String(i + 1).padStart(2, '0')}`);
    const expected = {
      all: { impressions: 0, likes: 0, clicks: 0, members: new Set<string>() },
      byCampaign: new Map<string, { impressions: number; likes: number; clicks: number; members: Set<string> }>(),
      byAge: new Map<string, { impressions: number; likes: number; clicks: number }>(),
    };

    beforeAll(async () => {
      const seed = seeder(app, a.orgId);
      const campaigns: Record<string, string> = {};
      for (const key of ['agree-a', 'agree-b', 'agree-c']) campaigns[key] = await seed.campaign(key);
      const creatives: { campaign: string; id: string; platform: string }[] = [];
      const spec: [string, string, string, string][] = [
        ['agree-a', 'a1', 'tiktok', 'image'],
        ['agree-a', 'a2', 'instagram', 'short_video'],
        ['agree-b', 'b1', 'youtube', 'short_video'],
        ['agree-b', 'b2', 'tiktok', 'personal_story'],
        ['agree-c', 'c1', 'facebook', 'image'],
      ];
      for (const [campaign, key, platform, format] of spec) {
        const campaignId = campaigns[campaign] as string;
        creatives.push({ campaign, id: await seed.creative(campaignId, key, { platform, format }), platform });
      }
      const prng = new Prng(20260501);
      const rnd = (): number => prng.next();
      const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
      const events: StoredEvent[] = [];
      const count = (campaign: string, type: string, n: number, memberHash: string | null, ageBand: string) => {
        const c = expected.byCampaign.get(campaign) ?? {
          impressions: 0,
          likes: 0,
          clicks: 0,
          members: new Set<string>(),
        };
        expected.byCampaign.set(campaign, c);
        const age = expected.byAge.get(ageBand) ?? { impressions: 0, likes: 0, clicks: 0 };
        expected.byAge.set(ageBand, age);
        if (type === 'impression') {
          expected.all.impressions += n;
          c.impressions += n;
          age.impressions += n;
        }
        if (type === 'like') {
          expected.all.likes += n;
          c.likes += n;
          age.likes += n;
        }
        if (type === 'click') {
          expected.all.clicks += n;
          c.clicks += n;
          age.clicks += n;
        }
        if (memberHash) {
          expected.all.members.add(memberHash);
          c.members.add(memberHash);
        }
      };
      for (let i = 0; i < 400; i++) {
        const hash = memberHash(`agree-${i}`);
        const audience = {
          ageBand: AGES[i % 4] as string,
          gender: GENDERS[Math.floor(i / 4) % 4] as string,
          region: REGIONS[Math.floor(i / 16) % 3] as string,
          language: i % 5 === 0 ? 'fr' : 'de',
        };
        const sightings = 4 + Math.floor(rnd() * 4);
        for (let s = 0; s < sightings; s++) {
          const creative = pick(creatives);
          const occurredAt = `${pick(days)}T${String(6 + Math.floor(rnd() * 16)).padStart(2, '0')}:00:00Z`;
          const base = {
            ...audience,
            campaignId: campaigns[creative.campaign] as string,
            creativeId: creative.id,
            platform: creative.platform,
            memberHash: hash,
            occurredAt,
          };
          const types = ['impression', ...(rnd() < 0.4 ? ['like'] : []), ...(rnd() < 0.15 ? ['click'] : [])];
          for (const type of types) {
            events.push(event({ ...base, type }));
            count(creative.campaign, type, 1, hash, audience.ageBand);
          }
        }
      }
      for (const creative of creatives) {
        for (const day of days) {
          for (const [type, n] of [
            ['impression', 30 + Math.floor(rnd() * 30)],
            ['like', 11 + Math.floor(rnd() * 10)],
            ['click', 11 + Math.floor(rnd() * 10)],
          ] as const) {
            const ageBand = pick(AGES); // drawn first, as before: the same data on every run
            events.push(
              event({
                campaignId: campaigns[creative.campaign] as string,
                creativeId: creative.id,
                platform: creative.platform,
                type,
                count: n,
                ageBand,
                gender: pick(GENDERS),
                region: pick(REGIONS),
                language: 'de',
                occurredAt: `${day}T12:00:00Z`,
              }),
            );
            count(creative.campaign, type, n, null, ageBand);
          }
        }
      }
      // a2 (an Instagram creative) was also cross-posted to Facebook: 25 impressions and 12 likes there every day,
      // so one creative has cells on two platforms.
      const a2 = creatives[1] as (typeof creatives)[number];
      for (const day of days) {
        for (const [type, n] of [
          ['impression', 25],
          ['like', 12],
        ] as const) {
          events.push(
            event({
              campaignId: campaigns['agree-a'] as string,
              creativeId: a2.id,
              platform: 'facebook',
              type,
              count: n,
              ageBand: '25-34',
              gender: 'female',
              region: 'AT',
              language: 'de',
              occurredAt: `${day}T15:00:00Z`,
            }),
          );
          count('agree-a', type, n, null, '25-34');
        }
      }
      expect(await seed.events(events)).toEqual({ inserted: events.length, duplicates: 0 });
      expect(expected.all.members.size).toBe(400);
      expect(expected.all.members.size).toBeLessThanOrEqual(SKETCH_EXPLICIT_LIMIT);
    });

    /** Every cell of an answer publishes impressions, engagements, clicks and reach (nothing hidden, so the comparison is of numbers). */
    const expectPublished = (sets: Body[]) => {
      for (const set of sets) {
        for (const metric of ['impressions', 'engagements', 'clicks', 'reach'])
          expect({ metric, value: set[metric] }).toEqual({ metric, value: expect.any(Number) });
      }
    };

    /** The same question answered by the cube and by the rollups and reach_daily (exactPath: the cube skipped). */
    async function both(read: (tenant: Tenant, query: Query) => Promise<Body>, query: Query) {
      const cube = await read(a, query);
      const exact = await exactPath(app, () => read(a, query));
      expect(cube.meta.source).toBe('cube_daily');
      expect(exact.meta.source).not.toBe('cube_daily');
      expect(exact.meta.source).toMatch(/^rollup_/);
      expect(cube.meta.reach.method).toBe('exact');
      expect(exact.meta.reach.method).toBe('exact');
      return { cube, exact };
    }

    it('summary, for the organisation and for one campaign', async () => {
      const org = await both(summary, { from, to });
      expectPublished([org.cube.current]);
      expect(org.cube.current).toEqual(org.exact.current);
      // Against the events as generated: every impression, like and click (engagements = likes + clicks here), 400 people.
      expect(org.cube.current).toMatchObject(
        P(
          {
            impressions: expected.all.impressions,
            engagements: expected.all.likes + expected.all.clicks,
            clicks: expected.all.clicks,
          },
          400,
        ),
      );

      for (const campaign of ['agree-a', 'agree-b', 'agree-c']) {
        const one = await both(summary, { campaign, from, to });
        expectPublished([one.cube.current]);
        expect(one.cube.current).toEqual(one.exact.current);
        const c = expected.byCampaign.get(campaign);
        expect(one.cube.current).toMatchObject(
          P(
            {
              impressions: c?.impressions ?? 0,
              engagements: (c?.likes ?? 0) + (c?.clicks ?? 0),
              clicks: c?.clicks ?? 0,
            },
            c?.members.size,
          ),
        );
      }
      // A person seen in several campaigns counts once in the organisation's reach: campaigns' reach adds up to more.
      const sumOfCampaignReach = [...expected.byCampaign.values()].reduce((s, c) => s + c.members.size, 0);
      expect(sumOfCampaignReach).toBeGreaterThan(400);

      const platform = await both(summary, { from, to, platform: 'tiktok' });
      expectPublished([platform.cube.current]);
      expect(platform.cube.current).toEqual(platform.exact.current);
    });

    it('breakdown by age band (organisation), by gender (one campaign), by age band × gender, region, language and platform', async () => {
      const questions: Query[] = [
        { from, to, by: 'ageBand' },
        { campaign: 'agree-b', from, to, by: 'gender' },
        { from, to, by: 'ageBand,gender' },
        { campaign: 'agree-a', from, to, by: 'region' },
        { from, to, by: 'language' },
        { campaign: 'agree-b', from, to, by: 'platform' },
      ];
      for (const query of questions) {
        const { cube, exact } = await both(breakdown, query);
        expect(cube.rows.length).toBeGreaterThan(1);
        expectPublished([...cube.rows.map((r: Body) => r['current']), cube.total.current]);
        expect(cube.rows).toEqual(exact.rows);
        expect(cube.total).toEqual(exact.total);
      }
      const ages = await breakdown(a, { from, to, by: 'ageBand' });
      expect(ages.rows.map((r: Body) => r['key'][0].value)).toEqual([...AGES]);
      // 100 people per age band (i mod 4); 400 in the total, each once.
      const ageVector = (age: string) => {
        const v = expected.byAge.get(age) ?? { impressions: 0, likes: 0, clicks: 0 };
        return { impressions: v.impressions, engagements: v.likes + v.clicks, clicks: v.clicks };
      };
      expect(ages.rows.map((r: Body) => r['current'].reach)).toEqual(
        AGES.map((age) => pub.count(ageVector(age), 'reach', 100)),
      );
      expect(ages.total.current).toMatchObject(
        P(
          {
            impressions: expected.all.impressions,
            engagements: expected.all.likes + expected.all.clicks,
            clicks: expected.all.clicks,
          },
          400,
        ),
      );
    });

    it('breakdown by creative (creative grain) and by creative within an age band (creative × age band grain)', async () => {
      const creatives = await both(breakdown, { from, to, by: 'creative' });
      expect(creatives.cube.rows).toHaveLength(5);
      expectPublished([...creatives.cube.rows.map((r: Body) => r['current']), creatives.cube.total.current]);
      expect(creatives.cube.rows).toEqual(creatives.exact.rows);
      expect(creatives.cube.total).toEqual(creatives.exact.total);

      const young = await both(breakdown, { campaign: 'agree-a', from, to, by: 'creative', ageBand: '18-24' });
      expect(young.cube.rows).toHaveLength(2);
      expect(young.cube.rows).toEqual(young.exact.rows);
      expect(young.cube.total).toEqual(young.exact.total);

      // Creative grains keep the platform: a platform filter on creatives, and a creative on two platforms.
      const facebook = await both(breakdown, { from, to, by: 'creative', platform: 'facebook' });
      expect(facebook.cube.rows.map((r: Body) => r['key'][0].label).sort()).toEqual(['Creative a2', 'Creative c1']);
      expect(facebook.cube.rows).toEqual(facebook.exact.rows);
      expect(facebook.cube.total).toEqual(facebook.exact.total);
      const a2 = facebook.cube.rows.find((r: Body) => r['key'][0].label === 'Creative a2');
      expect(a2.current).toMatchObject(P({ impressions: 14 * 25, engagements: 14 * 12 }, 0)); // the cross-posted rows only
      const byPlatform = await both(breakdown, { campaign: 'agree-a', from, to, by: 'creative,platform' });
      expect(byPlatform.cube.rows).toHaveLength(3); // a1 × tiktok, a2 × instagram, a2 × facebook
      expect(byPlatform.cube.rows).toEqual(byPlatform.exact.rows);
      expect(byPlatform.cube.total).toEqual(byPlatform.exact.total);
    });

    it('creative matrix (creatives × age presets) and segment report', async () => {
      const matrix = await both(
        async (tenant, query) => (await get(tenant, '/api/v1/analytics/creatives', query).expect(200)).body,
        { from, to },
      );
      expect(matrix.cube.creatives).toHaveLength(5);
      expect(matrix.cube.cells.length).toBeGreaterThanOrEqual(5 * 3);
      expect(matrix.cube.cells.filter((c: Body) => typeof c['impressions'] === 'number').length).toBeGreaterThan(5);
      expect(matrix.cube.cells).toEqual(matrix.exact.cells);
      expect(matrix.cube.segments).toEqual(matrix.exact.segments);
      expect(matrix.cube.creatives).toEqual(matrix.exact.creatives);

      const report = await both(
        async (tenant, query) => (await get(tenant, '/api/v1/analytics/segments', query).expect(200)).body,
        { campaign: 'agree-b', from, to },
      );
      expect(report.cube.rows).toHaveLength(4);
      expect(report.cube.rows).toEqual(report.exact.rows);
    });

    it('timeseries by day and by week, for the organisation and for one campaign', async () => {
      const questions: Query[] = [
        { from, to, granularity: 'day' },
        { campaign: 'agree-c', from, to, granularity: 'day' },
        { from, to, granularity: 'week' },
        { campaign: 'agree-a', from, to, granularity: 'week' },
      ];
      for (const query of questions) {
        const { cube, exact } = await both(timeseries, query);
        expect(cube.current).toHaveLength(query['granularity'] === 'day' ? 14 : 3);
        expectPublished(cube.current.map((bucket: Body) => bucket['metrics']));
        expect(cube.current).toEqual(exact.current);
      }
      const weeks = await timeseries(a, { from, to, granularity: 'week' });
      expect(weeks.current.map((bucket: Body) => bucket['bucket'])).toEqual(['2026-04-27', '2026-05-04', '2026-05-11']);
      // Counts add up over the weeks (each published within ±5); reach (distinct per week) adds up to at least the period's 400.
      const weekSum = weeks.current.reduce((s: number, bucket: Body) => s + bucket['metrics'].impressions, 0);
      expect(Math.abs(weekSum - expected.all.impressions)).toBeLessThanOrEqual(3 * 5);
      expect(weeks.current.reduce((s: number, bucket: Body) => s + bucket['metrics'].reach, 0)).toBeGreaterThanOrEqual(
        400 - 3 * 5,
      );
    });

    it('breakdowns by every pair of audience dimensions, org-wide and per campaign, and a filter with a breakdown', async () => {
      const dims = ['platform', 'ageBand', 'gender', 'region', 'language'];
      const questions: Query[] = [];
      for (const [i, first] of dims.entries()) {
        for (const second of dims.slice(i + 1)) questions.push({ from, to, by: `${first},${second}` });
      }
      questions.push(
        { campaign: 'agree-a', from, to, by: 'ageBand,region' },
        { campaign: 'agree-b', from, to, by: 'region,gender' },
        { from, to, by: 'ageBand', platform: 'tiktok' },
        { campaign: 'agree-a', from, to, by: 'gender', region: ['AT', 'CH'] },
        { from, to, by: 'language', ageBand: '18-24' },
      );
      for (const query of questions) {
        const { cube, exact } = await both(breakdown, query);
        expect({ query, rows: cube.rows.length > 1 }).toEqual({ query, rows: true });
        expect({ query, rows: cube.rows, total: cube.total }).toEqual({ query, rows: exact.rows, total: exact.total });
      }
      // The CSV export reads the same grains as the screen: the same file.
      const csv = async (tenant: Tenant, query: Query): Promise<Body> => {
        const res = await get(tenant, '/api/v1/exports/breakdown.csv', query).expect(200);
        return { text: res.text, meta: { source: 'cube_daily', reach: { method: 'exact' } } };
      };
      const file = await csv(a, { from, to, by: 'ageBand,region' });
      const exactFile = await exactPath(app, () => csv(a, { from, to, by: 'ageBand,region' }));
      expect(file.text.split('\n').length).toBeGreaterThan(12);
      const body = (text: string) => text.split('\n').filter((line) => !line.startsWith('Generated at'));
      expect(body(file.text)).toEqual(body(exactFile.text));
    });

    it('creative × each audience dimension, with a platform filter and a creative cross-posted to a second platform', async () => {
      const questions: Query[] = [
        { from, to, by: 'gender,creative' },
        { campaign: 'agree-a', from, to, by: 'creative,region' },
        { from, to, by: 'creative,language' },
        { from, to, by: 'creative,region', platform: 'facebook' },
        { campaign: 'agree-b', from, to, by: 'creative', gender: ['female', 'male'] },
        { from, to, by: 'creative,platform', region: 'AT' },
      ];
      for (const query of questions) {
        const { cube, exact } = await both(breakdown, query);
        expect({ query, rows: cube.rows.length > 1 }).toEqual({ query, rows: true });
        expect({ query, rows: cube.rows, total: cube.total }).toEqual({ query, rows: exact.rows, total: exact.total });
      }
      // a2's cross-posted Facebook rows are all 25-34 women in AT: they are a2's only Facebook cell by region.
      const facebook = await breakdown(a, { from, to, by: 'creative,region', platform: 'facebook' });
      const a2 = facebook.rows.filter((r: Body) => r['key'][0].label === 'Creative a2');
      expect(a2.map((r: Body) => [r['key'][1].value, r['current'].impressions])).toEqual([
        ['AT', pub.count({ impressions: 14 * 25, engagements: 14 * 12 }, 'impressions')],
      ]);
      // A creative with two audience dimensions is not a grain: still answered, exactly, from the rollups.
      const two = await breakdown(a, { from, to, by: 'creative,ageBand', gender: 'female' });
      expect(two.meta.source).toBe('rollup_daily');
    });

    it('three or more filters and saved segments: from the full audience cells, equal to the exact path', async () => {
      const questions: [(tenant: Tenant, query: Query) => Promise<Body>, Query][] = [
        [summary, { from, to, gender: 'female', ageBand: '25-34', region: 'AT' }],
        [summary, { from, to, platform: 'instagram', gender: ['female', 'male'], region: 'DE', language: 'de' }],
        [breakdown, { from, to, by: 'ageBand,gender', region: 'DE', language: 'de' }],
        [breakdown, { from, to, by: 'platform', ageBand: ['13-17', '18-24'], gender: 'male', region: ['AT', 'CH'] }],
        [timeseries, { from, to, granularity: 'week', ageBand: '35-44', gender: 'non_binary', language: 'fr' }],
      ];
      for (const [read, query] of questions) {
        const { cube, exact } = await both(read, query);
        const figures = cube.current ?? cube.rows;
        expect({ query, figures }).toEqual({ query, figures: exact.current ?? exact.rows });
        if (cube.total) expect(cube.total).toEqual(exact.total);
      }
      // The bench's kind of saved segment (four rules) in the segment report, next to the age presets.
      const saved = await a.agent
        .post('/api/v1/segments')
        .send({
          name: 'Adults in DE or AT on TikTok or Instagram',
          rules: {
            gender: ['female', 'male'],
            ageBand: ['25-34', '35-44'],
            region: ['DE', 'AT'],
            platform: ['tiktok', 'instagram'],
          },
        })
        .expect(201);
      const report = async (tenant: Tenant, query: Query): Promise<Body> =>
        (await get(tenant, '/api/v1/analytics/segments', query).expect(200)).body;
      const one = await both(report, { from, to, segment: saved.body.id });
      expect(one.cube.rows[0].segment.id).toBe(saved.body.id);
      expect(one.cube.rows[0].current).toMatchObject({ impressions: expect.any(Number), reach: expect.any(Number) });
      expect(one.cube.rows).toEqual(one.exact.rows);
      const many = await both(report, {
        from,
        to,
        segment: [saved.body.id, 'preset:young-adults', 'preset:gen-z-tiktok'],
      });
      expect(many.cube.rows).toEqual(many.exact.rows);
      // The full audience cells are kept for all campaigns together only: one campaign's three filters are
      // answered exactly from the rollups.
      const campaign = {
        campaign: 'agree-a',
        from,
        to,
        platform: 'instagram',
        gender: ['female', 'male'],
        region: 'DE',
      };
      const inCampaign = await summary(a, campaign);
      expect(inCampaign.meta.source).toBe('rollup_daily');
      expect(inCampaign.current).toEqual((await exactPath(app, () => summary(a, campaign))).current);
    });
  });

  // It asks every question three ways, three times: 2 s alone, 52 s beside the imports and demo suites on
  // two cores (when it still built with refreshAll(), every organisation's marked days in the shared test
  // database among them). Past its timeout the body runs on, holding its day lock, and fails the tests
  // after it — so it gets room.
  it('week cells: a creative question over whole weeks merges one cell per week, the same answer as the day cells (reach too), never a stale week', async () => {
    const seed = seeder(app, a.orgId);
    const campaign = await seed.campaign('weeks');
    const w1 = await seed.creative(campaign, 'w1', { platform: 'tiktok' });
    const w2 = await seed.creative(campaign, 'w2', { platform: 'instagram' });
    const days = Array.from({ length: 9 }, (_, i) => `2026-12-${String(6 + i).padStart(2, '0')}`); // Sun 12-06 … Mon 12-14
    const prng = new Prng(20261207);
    const events: StoredEvent[] = [];
    // 2,600 women on w1 (more than 2,048: a sketch estimate over the window), 300 men on w2, each seen on 1–3 days.
    for (let i = 0; i < 2900; i++) {
      const [creativeId, platform, gender] = i < 2600 ? [w1, 'tiktok', 'female'] : [w2, 'instagram', 'male'];
      for (let k = 1 + Math.floor(prng.next() * 3); k > 0; k--) {
        const day = days[Math.floor(prng.next() * days.length)] as string;
        events.push(
          event({
            campaignId: campaign,
            creativeId,
            platform,
            type: 'impression',
            gender,
            region: REGIONS[i % 3] as string,
            memberHash: memberHash(`weeks-${i}`),
            occurredAt: `${day}T${String(8 + (i % 12)).padStart(2, '0')}:00:00Z`,
          }),
        );
      }
    }
    for (const day of days)
      events.push(
        event({
          campaignId: campaign,
          creativeId: w2,
          platform: 'instagram',
          type: 'like',
          count: 20,
          occurredAt: `${day}T12:00:00Z`,
        }),
      );
    await seed.events(events);
    await buildMarkedDays(a.orgId);

    // The week's cells hold the sums of its seven day cells.
    const sums = async (grain: string, from: string, to: string) =>
      (
        await db.query<{ impressions: string; likes: string; cells: number }[]>(
          `SELECT sum(impressions)::text AS impressions, sum(likes)::text AS likes, count(*)::int AS cells FROM cube_daily
            WHERE org_id = $1 AND grain = $2 AND day BETWEEN $3::date AND $4::date AND campaign_id = $5::uuid`,
          [a.orgId, grain, from, to, campaign],
        )
      )[0];
    const weekCells = await sums('creative+gender@week', '2026-12-07', '2026-12-07');
    const dayCells = await sums('creative+gender', '2026-12-07', '2026-12-13');
    expect(weekCells?.cells).toBe(3); // w1 women, w2 men, w2's likes (gender unknown)
    expect([weekCells?.impressions, weekCells?.likes]).toEqual([dayCells?.impressions, dayCells?.likes]);
    // Sunday 12-06 is the last day of the week of Monday 11-30: its cells are that week's so far.
    const [lastWeek, sunday] = [
      await sums('creative+gender@week', '2026-11-30', '2026-11-30'),
      await sums('creative+gender', '2026-11-30', '2026-12-06'),
    ];
    expect(lastWeek).toEqual(sunday);

    const window = { from: days[0] as string, to: days[8] as string };
    const questions: [string, (tenant: Tenant, query: Query) => Promise<Body>, Query][] = [
      ['gender × creative', breakdown, { ...window, by: 'gender,creative' }],
      ['creative × region, one campaign', breakdown, { ...window, campaign: 'weeks', by: 'creative,region' }],
      ['one creative by week', timeseries, { ...window, creative: 'w1', granularity: 'week' }],
      ['one creative, the whole week only', summary, { from: '2026-12-07', to: '2026-12-13', creative: 'w1' }],
    ];
    const figures = (body: Body) => ({ figures: body.current ?? body.rows, total: body.total ?? null });
    const reader = app.get(CubeReader);
    const withoutWeeks = async <T>(ask: () => Promise<T>): Promise<T> => {
      const spy = jest.spyOn(reader as unknown as { weekPlan: () => null }, 'weekPlan').mockReturnValue(null);
      try {
        return await ask();
      } finally {
        spy.mockRestore();
      }
    };
    const reachOf = (body: Body): number[] =>
      JSON.stringify(figures(body))
        .match(/"reach":\d+/g)
        ?.map((m) => Number(m.slice(8))) ?? [];
    // Without reach and the shares derived from it (reach over the total's reach).
    const countsOf = (body: Body) => JSON.stringify(figures(body)).replace(/"reach":[\d.e-]+/g, '');
    const agree = async () => {
      for (const [name, read, query] of questions) {
        const cube = await read(a, query);
        expect({ name, source: cube.meta.source }).toEqual({ name, source: 'cube_daily' });
        // The same members, merged per week or per day: the same sketch, so the same figures, reach included.
        const perDay = await withoutWeeks(() => read(a, query));
        expect({ name, ...figures(cube), method: cube.meta.reach.method }).toEqual({
          name,
          ...figures(perDay),
          method: perDay.meta.reach.method,
        });
        // And the exact path: counts equal, reach within the stated error (exact up to 2,048 people).
        const exact = await exactPath(app, () => read(a, query));
        expect({ name, counts: countsOf(cube) }).toEqual({ name, counts: countsOf(exact) });
        const [got, want] = [reachOf(cube), reachOf(exact)];
        expect(got).toHaveLength(want.length);
        got.forEach((r, i) => {
          const exactReach = want[i] as number;
          if (exactReach <= SKETCH_EXPLICIT_LIMIT) expect({ name, i, r }).toEqual({ name, i, r: exactReach });
          else
            expect(Math.abs(r - exactReach)).toBeLessThanOrEqual(3 * SKETCH_RELATIVE_STANDARD_ERROR * exactReach + 5);
        });
      }
    };
    await agree();
    const gc = await breakdown(a, { ...window, by: 'gender,creative' });
    expect(gc.meta.reach.method).toBe('sketch');

    // Read from the week cells indeed: a change to a stored week cell shows in the answer.
    const tamper = (n: number) =>
      db.query(
        `UPDATE cube_daily SET impressions = impressions + $3 WHERE org_id = $1 AND grain = 'creative+gender@week' AND day = '2026-12-07' AND creative_id = $2::uuid`,
        [a.orgId, w2, n],
      );
    const w2Impressions = (body: Body) =>
      body.rows.find((r: Body) => r['key'][1].value === w2)?.['current'].impressions as number;
    // (The reader keeps a question's cells while no day's build changes: a tamper is no build, so they are forgotten.)
    const forgetKeptCells = () => (reader as unknown as { kept: { clear(): void } }).kept.clear();
    await tamper(1000);
    forgetKeptCells();
    try {
      const tampered = await breakdown(a, { ...window, by: 'gender,creative' });
      expect(w2Impressions(tampered)).not.toBe(w2Impressions(gc));
    } finally {
      await tamper(-1000);
    }

    // A day of the week changed since its build: the week is read per day (its stale week cell is not used).
    const changed = '2026-12-09';
    const holder = await holdCubeDayBuilds(a.orgId, [changed]);
    try {
      await seed.events([
        event({
          campaignId: campaign,
          creativeId: w2,
          platform: 'instagram',
          type: 'impression',
          count: 50,
          gender: 'male',
          occurredAt: `${changed}T09:00:00Z`,
        }),
      ]);
      await tamper(100000);
      expect(await dirtyDays(a.orgId)).toContain(changed);
      await agree();
    } finally {
      await holder.release();
      await tamper(-100000);
    }
    // Built again, the week's cells include the new events: the same answers from the week cells.
    await buildMarkedDays(a.orgId);
    expect(await dirtyDays(a.orgId)).not.toContain(changed);
    const rebuilt = await sums('creative+gender@week', '2026-12-07', '2026-12-07');
    expect(rebuilt?.impressions).toBe((await sums('creative+gender', '2026-12-07', '2026-12-13'))?.impressions);
    expect(BigInt(rebuilt?.impressions ?? 0)).toBe(BigInt(weekCells?.impressions ?? 0) + 50n);
    await agree();
  }, 240_000);

  it('week cells: a build of a day written to again meanwhile leaves the week to the later build (no week rebuild per pass while ingest writes today)', async () => {
    const seed = seeder(app, a.orgId);
    const campaign = await seed.campaign('live-week');
    const creative = await seed.creative(campaign, 'lw1', { platform: 'tiktok' });
    const day = '2026-12-21'; // a Monday: its week's cells are kept under it
    const impressions = (n: number, hour: string) =>
      event({
        campaignId: campaign,
        creativeId: creative,
        platform: 'tiktok',
        type: 'impression',
        count: n,
        gender: 'female',
        occurredAt: `${day}T${hour}:00:00Z`,
      });
    /** The week cell's impressions, the day's built version and whether a later write is still marked, in one snapshot. */
    const state = async () =>
      (
        await db.query<{ week: number; built: string; pending: boolean }[]>(
          `SELECT (SELECT coalesce(sum(impressions), 0)::int FROM cube_daily
                    WHERE org_id = $1 AND grain = 'creative+gender@week' AND day = $2::date AND campaign_id = $3::uuid) AS week,
                  (SELECT built_version::text FROM cube_days WHERE org_id = $1 AND day = $2::date) AS built,
                  (SELECT pending FROM cube_dirty WHERE org_id = $1 AND day = $2::date) AS pending`,
          [a.orgId, day, campaign],
        )
      )[0] as { week: number; built: string; pending: boolean };
    await seed.events([impressions(40, '08')]);
    await buildMarkedDays(a.orgId);
    expect((await state()).week).toBe(40);

    // +30, and a rebuild of that version held at the cells; +20 is written while it waits.
    const held = await holdCubeCells(a.orgId, day);
    let rebuild: Promise<boolean>;
    try {
      await seed.events([impressions(30, '09')]);
      rebuild = app.get(CubeBuilder).rebuildDay(a.orgId, day);
      await rebuildWaiting(held, rebuild);
      await seed.events([impressions(20, '10')]);
    } finally {
      await held.release();
    }
    await rebuild;
    const afterFirst = await state();
    if (afterFirst.pending) {
      // The build of +30 is stored, +20 is still marked: the week was left for the build that includes +20
      // (rebuilt here, it would hold the +30 build's 70).
      expect(afterFirst.week).toBe(40);
    } else {
      // The background refresher built the later version first: the week holds everything.
      expect(afterFirst.week).toBe(90);
    }
    await buildMarkedDays(a.orgId);
    const settled = await state();
    expect(settled.pending).toBe(false);
    expect(settled.week).toBe(90);
  }, 120_000);

  describe('hour grain: other time zones and hour buckets', () => {
    /**
     * Org A (UTC): 2 campaigns, 3 creatives (tiktok, instagram, facebook), events every 1–3 hours from
     * 2026-10-29 to 11-03 UTC — across New York's change from EDT to EST on Sunday 11-01 (a 25-hour day) —
     * 11–40 impressions and 0–15 likes each, so both paths are compared on many non-zero hours.
     */
    const hoursFrom = '2026-10-29';
    const hoursTo = '2026-11-03';
    let campaigns: Record<string, string>;
    /** Impressions and likes per New York day, from the generated events. */
    const nyDays = new Map<string, { impressions: number; likes: number }>();

    const nyDay = (iso: string) =>
      new Intl.DateTimeFormat('en-CA', {
        timeZone: 'America/New_York',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(new Date(iso));

    /** Events every 1–3 hours from `from` 00:00 UTC to `to` 23:00 UTC on the given creatives. */
    function hourly(
      prng: Prng,
      creatives: { campaignId: string; creativeId: string; platform: string }[],
      from: string,
      to: string,
      record?: (occurredAt: string, type: string, n: number) => void,
    ): StoredEvent[] {
      const events: StoredEvent[] = [];
      const end = Date.parse(`${to}T23:59:59Z`);
      for (const creative of creatives) {
        for (let t = Date.parse(`${from}T00:00:00Z`); t <= end; t += (1 + Math.floor(prng.next() * 3)) * 3_600_000) {
          const occurredAt = new Date(t + Math.floor(prng.next() * 60) * 60_000).toISOString();
          for (const [type, n] of [
            ['impression', 11 + Math.floor(prng.next() * 30)],
            ['like', Math.floor(prng.next() * 16)],
          ] as const) {
            if (n === 0) continue;
            events.push(event({ ...creative, type, count: n, ageBand: '25-34', occurredAt }));
            record?.(occurredAt, type, n);
          }
        }
      }
      return events;
    }

    /** The same question from the cube and from the rollups (exactPath): equal figures, and where each came from. */
    async function bothHours(tenant: Tenant, read: (t: Tenant, q: Query) => Promise<Body>, query: Query) {
      const cube = await read(tenant, query);
      const exact = await exactPath(app, () => read(tenant, query));
      expect({ query, source: exact.meta.source }).toEqual({ query, source: 'rollup_hourly' });
      const figures = (body: Body) => body.current ?? body.rows;
      expect({ query, figures: figures(cube), total: cube.total }).toEqual({
        query,
        figures: figures(exact),
        total: exact.total,
      });
      expect(cube.meta.reach).toEqual(exact.meta.reach);
      expect(cube.meta.notes).toEqual(exact.meta.notes);
      return { cube, exact };
    }

    beforeAll(async () => {
      const seed = seeder(app, a.orgId);
      campaigns = { 'hours-a': await seed.campaign('hours-a'), 'hours-b': await seed.campaign('hours-b') };
      const creatives = [
        {
          campaignId: campaigns['hours-a'] as string,
          creativeId: await seed.creative(campaigns['hours-a'] as string, 'h1', { platform: 'tiktok' }),
          platform: 'tiktok',
        },
        {
          campaignId: campaigns['hours-a'] as string,
          creativeId: await seed.creative(campaigns['hours-a'] as string, 'h2', { platform: 'instagram' }),
          platform: 'instagram',
        },
        {
          campaignId: campaigns['hours-b'] as string,
          creativeId: await seed.creative(campaigns['hours-b'] as string, 'h3', { platform: 'facebook' }),
          platform: 'facebook',
        },
      ];
      const events = hourly(new Prng(20261101), creatives, hoursFrom, hoursTo, (occurredAt, type, n) => {
        const day = nyDay(occurredAt);
        const d = nyDays.get(day) ?? { impressions: 0, likes: 0 };
        nyDays.set(day, d);
        if (type === 'impression') d.impressions += n;
        else d.likes += n;
      });
      expect(await seed.events(events)).toEqual({ inserted: events.length, duplicates: 0 });
      await buildMarkedDays(a.orgId);
    });

    it('New York days (incl. the 25-hour DST day), hours, weeks, platform and campaign questions: from the hour cells, equal to rollup_hourly', async () => {
      // The cube holds the hour cells: per UTC hour, for all campaigns and per campaign.
      const [cells] = await db.query<{ hours: number; campaigns: number }[]>(
        `SELECT count(DISTINCT d2)::int AS hours, count(DISTINCT campaign_id)::int AS campaigns FROM cube_daily
          WHERE org_id = $1 AND grain = 'hour' AND day BETWEEN $2::date AND $3::date`,
        [a.orgId, hoursFrom, hoursTo],
      );
      expect(cells).toEqual({ hours: expect.any(Number), campaigns: 3 });
      expect(cells?.hours).toBeGreaterThan(60);

      const ny = { tz: 'America/New_York' };
      const questions: [(t: Tenant, q: Query) => Promise<Body>, Query][] = [
        [timeseries, { ...ny, from: '2026-10-30', to: '2026-11-02', granularity: 'day' }],
        [timeseries, { ...ny, from: '2026-11-01', to: '2026-11-01', granularity: 'hour' }],
        [timeseries, { from: '2026-10-31', to: '2026-11-01', granularity: 'hour' }],
        [timeseries, { ...ny, from: '2026-10-29', to: '2026-11-02', granularity: 'week' }],
        [timeseries, { ...ny, campaign: 'hours-a', from: '2026-10-30', to: '2026-11-02', granularity: 'day' }],
        [timeseries, { ...ny, platform: ['tiktok', 'facebook'], from: '2026-10-30', to: '2026-11-02' }],
        [
          timeseries,
          { tz: 'Europe/Berlin', campaign: 'hours-b', from: '2026-10-30', to: '2026-11-02', granularity: 'hour' },
        ],
        [summary, { ...ny, from: '2026-10-30', to: '2026-11-02' }],
        [breakdown, { ...ny, from: '2026-10-30', to: '2026-11-02', by: 'platform' }],
      ];
      for (const [read, query] of questions) {
        const { cube } = await bothHours(a, read, query);
        expect({ query, source: cube.meta.source }).toEqual({ query, source: 'cube_daily' });
      }
      // Against the generated events: the New York days, the DST day with its 25 hours.
      const days = await timeseries(a, { ...ny, from: '2026-10-30', to: '2026-11-02' });
      expect(days.current.map((b: Body) => [b['bucket'], b['metrics'].impressions, b['metrics'].reach])).toEqual(
        ['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02'].map((day) => {
          const d = nyDays.get(day) as { impressions: number; likes: number };
          return [day, pub.count({ impressions: d.impressions, engagements: d.likes }, 'impressions'), null];
        }),
      );
      const dst = await timeseries(a, { ...ny, from: '2026-11-01', to: '2026-11-01', granularity: 'hour' });
      expect(dst.current).toHaveLength(25);
      expect(dst.current[0].start).toBe('2026-11-01T04:00:00.000Z');
      expect(dst.current[24].start).toBe('2026-11-02T04:00:00.000Z');
      // A creative filter is rollup_hourly's own grain: read there, as before.
      const creative = await timeseries(a, { ...ny, creative: 'h1', from: '2026-10-30', to: '2026-11-02' });
      expect(creative.meta.source).toBe('rollup_hourly');
    });

    it('a +5:30 zone asked of a UTC organisation: hours assigned to the local day they start in, as rollup_hourly does, and said so', async () => {
      for (const granularity of ['day', 'hour']) {
        const { cube } = await bothHours(a, timeseries, {
          tz: 'Asia/Kolkata',
          from: '2026-10-30',
          to: '2026-11-01',
          granularity,
        });
        expect(cube.meta.source).toBe('cube_daily');
        expect(cube.meta.notes.join(' ')).toMatch(
          /Asia\/(Kolkata|Calcutta) is offset from UTC by a fraction of an hour/,
        );
      }
    });

    it('an organisation in America/New_York: the 25-hour day gets 25 hour cells, and its own hours and other zones agree with rollup_hourly', async () => {
      const c = await createTenant(app, { name: 'Cube C (New York)' });
      await db.query(`UPDATE organizations SET time_zone = 'America/New_York' WHERE id = $1`, [c.orgId]);
      const seed = seeder(app, c.orgId);
      const campaign = await seed.campaign('hours-ny');
      const creative = {
        campaignId: campaign,
        creativeId: await seed.creative(campaign, 'ny1', { platform: 'tiktok' }),
        platform: 'tiktok',
      };
      const events = hourly(new Prng(20261102), [creative], '2026-10-31', '2026-11-02');
      // One impression event in each of the DST day's 25 hours (04:00Z on 11-01 … 04:00Z on 11-02), among
      // them both 01:30s (EDT at 05:30Z, then EST at 06:30Z), each in its own UTC hour.
      for (let h = 0; h < 25; h++) {
        const occurredAt = new Date(Date.parse('2026-11-01T04:30:00Z') + h * 3_600_000).toISOString();
        events.push(event({ ...creative, type: 'impression', count: 20, occurredAt }));
      }
      expect(await seed.events(events, 'America/New_York')).toEqual({ inserted: events.length, duplicates: 0 });
      await buildMarkedDays(c.orgId);
      const hourCells = await db.query<{ hour: string }[]>(
        `SELECT d2 AS hour FROM cube_daily
          WHERE org_id = $1 AND grain = 'hour' AND day = '2026-11-01' AND campaign_id = $2::uuid ORDER BY d2`,
        [c.orgId, ALL_CAMPAIGNS],
      );
      expect(hourCells).toHaveLength(25);
      expect(hourCells[0]?.hour).toBe('2026-11-01T04:00:00Z');
      expect(hourCells[24]?.hour).toBe('2026-11-02T04:00:00Z');
      for (const query of [
        { from: '2026-11-01', to: '2026-11-01', granularity: 'hour' },
        { from: '2026-10-31', to: '2026-11-02', granularity: 'hour' },
        { tz: 'UTC', from: '2026-10-31', to: '2026-11-02', granularity: 'day' },
        { tz: 'Europe/Berlin', from: '2026-10-31', to: '2026-11-02', granularity: 'day' },
      ] as Query[]) {
        const { cube } = await bothHours(c, timeseries, query);
        expect({ query, source: cube.meta.source }).toEqual({ query, source: 'cube_daily' });
      }
    });

    it('an organisation in Asia/Kolkata (+5:30): no hour cells (a UTC hour spans two of its days), answered from rollup_hourly as before', async () => {
      const d = await createTenant(app, { name: 'Cube D (Kolkata)' });
      await db.query(`UPDATE organizations SET time_zone = 'Asia/Kolkata' WHERE id = $1`, [d.orgId]);
      const seed = seeder(app, d.orgId);
      const campaign = await seed.campaign('hours-in');
      const creative = {
        campaignId: campaign,
        creativeId: await seed.creative(campaign, 'in1', { platform: 'youtube' }),
        platform: 'youtube',
      };
      // 18:15Z is 23:45 on 11-01 in Kolkata, 18:45Z is 00:15 on 11-02: one UTC hour, two local days.
      const events = [
        event({ ...creative, type: 'impression', count: 30, occurredAt: '2026-11-01T18:15:00Z' }),
        event({ ...creative, type: 'impression', count: 40, occurredAt: '2026-11-01T18:45:00Z' }),
        event({ ...creative, type: 'impression', count: 50, occurredAt: '2026-11-01T10:00:00Z' }),
      ];
      expect(await seed.events(events, 'Asia/Kolkata')).toEqual({ inserted: 3, duplicates: 0 });
      await buildMarkedDays(d.orgId);
      const [cells] = await db.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM cube_daily WHERE org_id = $1 AND grain = 'hour'`,
        [d.orgId],
      );
      expect(cells?.n).toBe(0);
      const dpub = await publishedFor(app, d.orgId);
      const hours = await timeseries(d, { from: '2026-11-01', to: '2026-11-02', granularity: 'hour' });
      expect(hours.meta.source).toBe('rollup_hourly');
      // The hour starting 18:00Z (23:30 local) holds both events and is bucketed by its start, on 11-01.
      const at = hours.current.find((b: Body) => b['start'] === '2026-11-01T18:00:00.000Z');
      expect(at?.bucket).toBe('2026-11-01T23:30');
      const utcDays = await timeseries(d, { tz: 'UTC', from: '2026-11-01', to: '2026-11-01' });
      expect(utcDays.meta.source).toBe('rollup_hourly');
      expect(utcDays.current[0].metrics.impressions).toBe(dpub.count({ impressions: 120 }, 'impressions'));
      // Its own days (the cube's daily grains) stay exact: 80 on 11-01, 40 on 11-02.
      const ownDays = await timeseries(d, { from: '2026-11-01', to: '2026-11-02' });
      expect(ownDays.meta.source).toBe('cube_daily');
      expect(ownDays.current.map((b: Body) => b['metrics'].impressions)).toEqual([
        dpub.count({ impressions: 80 }, 'impressions'),
        dpub.count({ impressions: 40 }, 'impressions'),
      ]);
    });

    it('live: a day changed since its build is read from its hour cells and the rollup_hourly rows written since, without rebuilding it; built again, from its hour cells', async () => {
      const changed = '2026-11-02';
      const query = { tz: 'America/New_York', from: '2026-10-31', to: '2026-11-02', granularity: 'day' };
      const before = await timeseries(a, query);
      const holder = await holdCubeDayBuilds(a.orgId, [changed]);
      let live: Body;
      try {
        const seed = seeder(app, a.orgId);
        const [creative] = await db.query<{ id: string }[]>(
          `SELECT id::text AS id FROM creatives WHERE org_id = $1 AND key = 'h1'`,
          [a.orgId],
        );
        // 13:00Z on 11-02 is 08:00 in New York: 500 more impressions on the New York day 11-02.
        await seed.events([
          event({
            campaignId: campaigns['hours-a'] as string,
            creativeId: creative?.id as string,
            platform: 'tiktok',
            type: 'impression',
            count: 500,
            occurredAt: `${changed}T13:00:00Z`,
          }),
        ]);
        // The changed day's build answers for the events it holds (its hour cells), the rows since for the rest.
        expect(await dirtyDays(a.orgId)).toContain(changed);
        const { cube } = await bothHours(a, timeseries, query);
        live = cube;
        expect(cube.meta.source).toBe('cube_daily');
        const d = nyDays.get(changed) as { impressions: number; likes: number };
        expect(cube.current[2].metrics.impressions).toBe(
          pub.count({ impressions: d.impressions + 500, engagements: d.likes }, 'impressions'),
        );
        expect(cube.current.slice(0, 2)).toEqual(before.current.slice(0, 2));
        for (const granularity of ['hour', 'week'])
          await bothHours(a, timeseries, { ...query, granularity, from: '2026-11-01' });
      } finally {
        await holder.release();
      }
      await buildMarkedDays(a.orgId);
      expect(await dirtyDays(a.orgId)).not.toContain(changed);
      const built = await bothHours(a, timeseries, query);
      expect(built.cube.current).toEqual(live.current);
    });
  });

  it('more than 2,048 people: reach is a sketch estimate within 3 standard errors, and the answer says so; smaller figures stay exact', async () => {
    const seed = seeder(app, a.orgId);
    const big = await seed.campaign('big');
    const small = await seed.campaign('small');
    const bigCreative = await seed.creative(big, 'big1', { platform: 'instagram' });
    const smallCreative = await seed.creative(small, 'small1', { platform: 'instagram' });
    const impressions = (campaignId: string, creativeId: string, members: number[], occurredAt: string) =>
      members.map((i) =>
        event({
          campaignId,
          creativeId,
          platform: 'instagram',
          type: 'impression',
          memberHash: memberHash(`big-${i}`),
          occurredAt,
        }),
      );
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    // "big", one impression per person and day:
    //   06-01: people 0…2199      (2,200: that day's stored sketches are HyperLogLogs)
    //   06-02: people 1800…2599   (800, of whom 400 were seen on 06-01)
    //   06-03: people 3000…4399   (1,400, new)
    // Impressions 2,200 + 800 + 1,400 = 4,400; distinct people 06-01…03: 2,600 + 1,400 = 4,000;
    // 06-02…03: 800 + 1,400 = 2,200 (two exact day sketches whose union is too large to stay exact).
    // "small": people 10000…10029 on 06-02 (30).
    for (const batch of [
      impressions(big, bigCreative, range(0, 2199), '2026-06-01T10:00:00Z'),
      impressions(big, bigCreative, range(1800, 2599), '2026-06-02T10:00:00Z'),
      impressions(big, bigCreative, range(3000, 4399), '2026-06-03T10:00:00Z'),
      impressions(small, smallCreative, range(10000, 10029), '2026-06-02T10:00:00Z'),
    ]) {
      expect(await seed.events(batch)).toEqual({ inserted: batch.length, duplicates: 0 });
    }
    const rse = Number(SKETCH_RELATIVE_STANDARD_ERROR.toFixed(4));
    const expectEstimate = (body: Body, people: number) => {
      expect(body.meta.source).toBe('cube_daily');
      expect(body.meta.reach.method).toBe('sketch');
      expect(body.meta.reach.relativeStandardError).toBe(rse);
      expect(body.meta.reach.note).toMatch(/estimated/);
      // Three standard errors, plus the ±5 every published count carries.
      expect(Math.abs(body.current.reach - people)).toBeLessThanOrEqual(
        3 * SKETCH_RELATIVE_STANDARD_ERROR * people + 5,
      );
    };

    const all = await summary(a, { campaign: 'big', from: '2026-06-01', to: '2026-06-03' });
    expectEstimate(all, 4000);
    expect(all.current.impressions).toBe(pub.count({ impressions: 4400 }, 'impressions')); // counts are never estimated
    expectEstimate(await summary(a, { campaign: 'big', from: '2026-06-01', to: '2026-06-01' }), 2200);
    expectEstimate(await summary(a, { campaign: 'big', from: '2026-06-02', to: '2026-06-03' }), 2200);
    // The organisation: 4,000 + 30 people.
    const org = await summary(a, { from: '2026-06-01', to: '2026-06-03' });
    expectEstimate(org, 4030);
    expect(org.current.impressions).toBe(pub.count({ impressions: 4430 }, 'impressions'));
    // Three filters (the full audience cells, all campaigns together) and a pair breakdown merge their sketches
    // the same way, and the exact path counts the same people (every event here is instagram, unknown age and
    // gender, DE, de): the organisation's 4,030.
    const cell = { from: '2026-06-01', to: '2026-06-03', platform: 'instagram', gender: 'unknown', region: 'DE' };
    const threeFilters = await summary(a, cell);
    expectEstimate(threeFilters, 4030);
    const threeExact = await exactPath(app, () => summary(a, cell));
    expect(threeExact.meta.reach.method).toBe('exact');
    expect(threeExact.current.reach).toBe(pub.count({ impressions: 4430 }, 'reach', 4030));
    const pairBody = await breakdown(a, {
      campaign: 'big',
      from: '2026-06-01',
      to: '2026-06-03',
      by: 'region,language',
    });
    expect(pairBody.meta.reach.method).toBe('sketch');
    expect(pairBody.rows).toHaveLength(1);
    expect(Math.abs(pairBody.rows[0].current.reach - 4000)).toBeLessThanOrEqual(
      3 * SKETCH_RELATIVE_STANDARD_ERROR * 4000 + 5,
    );

    // 800 people on one day: counted exactly, and said so.
    const oneDay = await summary(a, { campaign: 'big', from: '2026-06-02', to: '2026-06-02' });
    expect(oneDay.meta.reach.method).toBe('exact');
    expect(oneDay.meta.reach.relativeStandardError).toBeUndefined();
    expect(oneDay.current.reach).toBe(pub.count({ impressions: 800 }, 'reach', 800));
    // The smaller campaign in the same organisation and period: exact.
    const smaller = await summary(a, { campaign: 'small', from: '2026-06-01', to: '2026-06-03' });
    expect(smaller.meta.source).toBe('cube_daily');
    expect(smaller.meta.reach.method).toBe('exact');
    expect(smaller.meta.reach.relativeStandardError).toBeUndefined();
    expect(smaller.meta.reach.note).not.toMatch(/estimated/);
    expect(smaller.current).toMatchObject(P({ impressions: 30 }, 30));
    // The exact path still counts every person: 4,000 exactly.
    const exact = await exactPath(app, () => summary(a, { campaign: 'big', from: '2026-06-01', to: '2026-06-03' }));
    expect(exact.meta.source).toBe('rollup_daily_creative');
    expect(exact.meta.reach.method).toBe('exact');
    expect(exact.current).toMatchObject(P({ impressions: 4400 }, 4000));
  });

  it('deleting a campaign with its data removes its figures from the organisation-wide answers at once', async () => {
    const seed = seeder(app, a.orgId);
    const kept = await seed.campaign('kept');
    const doomed = await seed.campaign('doomed');
    const keptCreative = await seed.creative(kept, 'kept1', { platform: 'tiktok' });
    const doomedCreative = await seed.creative(doomed, 'doomed1', { platform: 'youtube' });
    const occurredAt = '2026-07-01T10:00:00Z';
    const people = (from: number, to: number, campaignId: string, creativeId: string, platform: string) =>
      Array.from({ length: to - from + 1 }, (_, i) =>
        event({
          campaignId,
          creativeId,
          platform,
          type: 'impression',
          memberHash: memberHash(`del-${from + i}`),
          ageBand: '18-24',
          occurredAt,
        }),
      );
    // kept:   30 impressions + people 0…14 (15)  → 45 impressions, reach 15, 12 likes
    // doomed: 60 impressions + people 10…29 (20) → 80 impressions, reach 20, 25 likes
    // Organisation on 07-01: 125 impressions, 37 engagements, reach 30 (people 0…29; 10…14 in both).
    // After deleting "doomed" with its data: 45 impressions, 12 engagements, reach 15.
    await seed.events([
      event({
        campaignId: kept,
        creativeId: keptCreative,
        platform: 'tiktok',
        type: 'impression',
        count: 30,
        occurredAt,
      }),
      event({ campaignId: kept, creativeId: keptCreative, platform: 'tiktok', type: 'like', count: 12, occurredAt }),
      ...people(0, 14, kept, keptCreative, 'tiktok'),
      event({
        campaignId: doomed,
        creativeId: doomedCreative,
        platform: 'youtube',
        type: 'impression',
        count: 60,
        occurredAt,
      }),
      event({
        campaignId: doomed,
        creativeId: doomedCreative,
        platform: 'youtube',
        type: 'like',
        count: 25,
        occurredAt,
      }),
      ...people(10, 29, doomed, doomedCreative, 'youtube'),
    ]);
    const day = { from: '2026-07-01', to: '2026-07-01' };
    const before = await summary(a, day);
    expect(before.meta.source).toBe('cube_daily');
    expect(before.current).toMatchObject(P({ impressions: 125, engagements: 37 }, 30));
    const platformsBefore = await breakdown(a, { ...day, by: 'platform' });
    expect(platformsBefore.rows.map((r: Body) => r['key'][0].value).sort()).toEqual(['tiktok', 'youtube']);
    await buildMarkedDays(a.orgId); // the day is built before the deletion
    expect(await dirtyDays(a.orgId)).not.toContain('2026-07-01');

    await a.agent.delete(`/api/v1/campaigns/${kept}`).expect(409); // has data, deleteData not given
    await a.agent.delete(`/api/v1/campaigns/${doomed}`).query({ deleteData: 'true' }).expect(204);

    const after = await summary(a, day);
    expect(after.meta.source).toBe('cube_daily');
    expect(after.current).toMatchObject(P({ impressions: 45, engagements: 12 }, 15));
    const platforms = await breakdown(a, { ...day, by: 'platform' });
    expect(platforms.meta.source).toBe('cube_daily');
    expect(platforms.rows.map((r: Body) => [r['key'][0].value, r['current'].impressions, r['current'].reach])).toEqual([
      ['tiktok', ...IR(45, 12, 15)],
    ]);
    const creatives = await breakdown(a, { ...day, by: 'creative' });
    expect(creatives.rows.map((r: Body) => r['key'][0].value)).toEqual([keptCreative]);
    const series = await timeseries(a, day);
    expect(series.current[0].metrics).toMatchObject(P({ impressions: 45, engagements: 12 }, 15));
    // And the deleted campaign's own cube rows are gone with it.
    const [left] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM cube_daily WHERE org_id = $1 AND campaign_id = $2`,
      [a.orgId, doomed],
    );
    expect(left?.n).toBe(0);
    await get(a, '/api/v1/analytics/summary', { ...day, campaign: doomed }).expect(404);
  });

  it('lists each pending mark with how long ago it was last marked, in milliseconds (when a day counts as written and paused)', async () => {
    const days = ['2024-03-01', '2024-03-02'];
    // Keep the background refresher from building (and settling) these days while we ask.
    const holder = await holdCubeDayBuilds(a.orgId, days);
    try {
      await db.query(
        `INSERT INTO cube_dirty (org_id, day, version, marked_at, pending)
         VALUES ($1, $2::date, 1, now() - interval '5 seconds', true), ($1, $3::date, 1, now(), true)`,
        [a.orgId, days[0], days[1]],
      );
      const marks = (await app.get(CubeBuilder).pendingMarks()).filter((m) => m.org_id === a.orgId);
      const idle = (day: string): number => marks.find((m) => m.day === day)?.idle_ms ?? NaN;
      expect(idle(days[0] as string)).toBeGreaterThanOrEqual(5_000);
      expect(idle(days[0] as string)).toBeLessThan(8_000);
      expect(idle(days[1] as string)).toBeGreaterThanOrEqual(0);
      expect(idle(days[1] as string)).toBeLessThan(3_000);
    } finally {
      await holder.release();
      await buildMarkedDays(a.orgId);
    }
  });

  it(
    'background refresh: refreshAll() builds every marked day, and a later read is answered from it without rebuilding',
    async () => {
      const seed = seeder(app, a.orgId);
      const bg = await seed.campaign('bg');
      const creative = await seed.creative(bg, 'bg1', { platform: 'tiktok' });
      const occurredAt = '2026-07-15T10:00:00Z';
      const base = { campaignId: bg, creativeId: creative, platform: 'tiktok', occurredAt };
      // 60 impressions (25-34 female) + people 0…13 × 1 impression (18-24 male) + 20 likes:
      // impressions 74, engagements 20, reach 14.
      await seed.events([
        event({ ...base, type: 'impression', count: 60, ageBand: '25-34', gender: 'female' }),
        ...Array.from({ length: 14 }, (_, i) =>
          event({ ...base, type: 'impression', ageBand: '18-24', gender: 'male', memberHash: memberHash(`bg-${i}`) }),
        ),
        event({ ...base, type: 'like', count: 20, ageBand: '25-34', gender: 'female' }),
      ]);

      // (A background run may be in flight, listed before these events: refreshAll() must still cover them — see
      // "refreshAll() while a run is in flight" below for that case made certain.)
      await app.get(CubeBuilder).refreshAll();
      expect(await dirtyDays(a.orgId)).toEqual([]);
      const rows = await db.query<
        {
          grain: string;
          campaign_id: string;
          d1: string;
          d2: string;
          impressions: number;
          likes: number;
          sketch: boolean;
          xmin: string;
        }[]
      >(
        `SELECT grain, campaign_id::text AS campaign_id, d1, d2, impressions::int AS impressions, likes::int AS likes,
              sketch IS NOT NULL AS sketch, xmin::text AS xmin
         FROM cube_daily WHERE org_id = $1 AND day = '2026-07-15' ORDER BY grain, campaign_id, creative_id, d1, d2`,
        [a.orgId],
      );
      // Every grain, and the day's hour cells (a Wednesday: its week's cells are under Monday 07-13).
      expect(new Set(rows.map((r) => r.grain))).toEqual(new Set([...CUBE_GRAINS.map((g) => g.id), HOUR_GRAIN.id]));
      const totals = rows.filter((r) => r.grain === 'total');
      expect(totals.map((r) => [r.campaign_id, r.impressions, r.likes, r.sketch])).toEqual(
        [
          [ALL_CAMPAIGNS, 74, 20, true],
          [bg, 74, 20, true],
        ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
      const ageGender = rows.filter((r) => r.grain === 'ageBand+gender' && r.campaign_id === bg);
      expect(ageGender.map((r) => [r.d1, r.d2, r.impressions, r.sketch])).toEqual([
        ['18-24', 'male', 14, true],
        ['25-34', 'female', 60, false], // no member: counts only
      ]);

      const res = await summary(a, { campaign: 'bg', from: '2026-07-15', to: '2026-07-15' });
      expect(res.meta.source).toBe('cube_daily');
      expect(res.current).toMatchObject(P({ impressions: 74, engagements: 20 }, 14));
      const byGender = await breakdown(a, { campaign: 'bg', from: '2026-07-15', to: '2026-07-15', by: 'gender' });
      expect(byGender.rows.map((r: Body) => [r['key'][0].value, r['current'].impressions, r['current'].reach])).toEqual(
        [
          ['female', ...IR(60, 20, 0)],
          ['male', ...IR(14, 0, 14)],
        ],
      );
      // Nothing was marked and nothing rebuilt: the rows read are the very rows refreshAll wrote.
      expect(await dirtyDays(a.orgId)).toEqual([]);
      const xmins = await db.query<{ xmin: string }[]>(
        `SELECT xmin::text AS xmin FROM cube_daily WHERE org_id = $1 AND day = '2026-07-15' ORDER BY grain, campaign_id, creative_id, d1, d2`,
        [a.orgId],
      );
      expect(xmins.map((r) => r.xmin)).toEqual(rows.map((r) => r.xmin));
    },
    REFRESH_ALL_TIMEOUT_MS,
  );

  it('a day overdue for its build is built beside a pass held up on other days (sustained ingest starves low-priority builds)', async () => {
    const seed = seeder(app, a.orgId);
    const od = await seed.campaign('overdue');
    const creative = await seed.creative(od, 'od1', { platform: 'tiktok' });
    const impression = (day: string, person: number) =>
      event({
        campaignId: od,
        creativeId: creative,
        platform: 'tiktok',
        occurredAt: `${day}T10:00:00Z`,
        type: 'impression',
        memberHash: memberHash(`od-${person}`),
      });
    const held = ['2026-06-01', '2026-06-02'];
    const late = '2026-06-10';
    // Both of a pass's builds wait on the held days (marked first, so listed first): the pass cannot get to
    // the late day until they are released — as when its low-priority builds crawl under heavy ingest.
    const holder = await holdCubeDayBuilds(a.orgId, held);
    const builder = new CubeBuilder(db, { overdueMs: 1_000 });
    try {
      await seed.events(held.map((day, i) => impression(day, i)));
      await seed.events([impression(late, 7), impression(late, 8)]);
      builder.onApplicationBootstrap();
      let waited = 0;
      while ((await dirtyDays(a.orgId)).includes(late) && waited < 20_000) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        waited += 200;
      }
      // The late day was built by the overdue sweep; the held ones are still waiting.
      expect(await dirtyDays(a.orgId)).toEqual(held);
      const res = await summary(a, { campaign: 'overdue', from: late, to: late });
      expect(res.meta.source).toBe('cube_daily');
      expect(res.current).toMatchObject(P({ impressions: 2 }, 2));
    } finally {
      await holder.release();
      await builder.onApplicationShutdown();
    }
    await buildMarkedDays(a.orgId);
    expect(await dirtyDays(a.orgId)).toEqual([]);
  });

  it(
    'concurrent ingest, rebuilds and reads of one day: nothing lost, nothing counted twice',
    async () => {
      await a.agent.post('/api/v1/campaigns').send({ key: 'busy', name: 'Busy' }).expect(201);
      const builder = app.get(CubeBuilder);
      const day = '2026-08-03';
      // Batch (round r, number j): 25 impressions (one aggregated row), people busy-r-j-0…9 (10, own to the
      // batch) and shared-0…4 (5, in every batch, new event ids) × 1 impression, and 3 likes.
      // → per batch 40 impressions, 3 engagements. 3 rounds × 6 batches = 18 batches:
      // impressions 720, engagements 54, reach 18 × 10 + 5 = 185. Batch 0 of each round is also sent
      // a second time, concurrently with itself: those copies are all duplicates.
      const batch = (r: number, j: number): IngestEvent[] => {
        const base = {
          campaign: 'busy',
          creative: 'busy1',
          platform: 'tiktok' as const,
          ageBand: '18-24' as const,
          gender: 'female' as const,
          region: 'DE',
          language: 'de',
        };
        const at = `${day}T${String(8 + j).padStart(2, '0')}:00:00Z`;
        return [
          { ...base, eventId: `busy-${r}-${j}-agg`, type: 'impression', count: 25, occurredAt: at },
          ...Array.from({ length: 10 }, (_, k): IngestEvent => ({
            ...base,
            eventId: `busy-${r}-${j}-m${k}`,
            type: 'impression',
            memberId: `busy-${r}-${j}-${k}`,
            occurredAt: at,
          })),
          ...Array.from({ length: 5 }, (_, k): IngestEvent => ({
            ...base,
            eventId: `busy-${r}-${j}-s${k}`,
            type: 'impression',
            memberId: `shared-${k}`,
            occurredAt: at,
          })),
          { ...base, eventId: `busy-${r}-${j}-likes`, type: 'like', count: 3, occurredAt: at },
        ];
      };
      let accepted = 0;
      let duplicates = 0;
      for (let r = 0; r < 3; r++) {
        const writes = [...Array.from({ length: 6 }, (_, j) => batch(r, j)), batch(r, 0)].map(async (events) => {
          const res = await ingest(events).expect(200);
          accepted += res.body.accepted as number;
          duplicates += res.body.duplicates as number;
        });
        await Promise.all([
          ...writes,
          builder.refreshAll(),
          builder.rebuildDay(a.orgId, day),
          builder.rebuildDay(a.orgId, day),
          summary(a, { campaign: 'busy', from: day, to: day }), // a read of a changed day reads its exact rows
          new Promise((resolve) => setImmediate(resolve)).then(() => builder.rebuildDay(a.orgId, day)),
          new Promise((resolve) => setTimeout(resolve, 5)).then(() => builder.refreshAll()),
        ]);
      }
      expect(accepted).toBe(18 * 17);
      expect(duplicates).toBe(3 * 17);

      const res = await summary(a, { campaign: 'busy', from: day, to: day });
      expect(res.meta.source).toBe('cube_daily');
      expect(res.current).toMatchObject(P({ impressions: 720, engagements: 54 }, 185));
      const org = await summary(a, { from: day, to: day });
      expect(org.current).toMatchObject(P({ impressions: 720, engagements: 54 }, 185));
      const exact = await exactPath(app, () => summary(a, { campaign: 'busy', from: day, to: day }));
      expect(exact.meta.source).toBe('rollup_daily_creative');
      expect(exact.current).toEqual(res.current);
      // Built once more from scratch, the day is the same.
      await builder.refreshAll();
      const rows = await db.query<{ impressions: number; likes: number }[]>(
        `SELECT impressions::int AS impressions, likes::int AS likes FROM cube_daily
        WHERE org_id = $1 AND day = $2::date AND grain = 'total' AND campaign_id = $3::uuid`,
        [a.orgId, day, ALL_CAMPAIGNS],
      );
      expect(rows).toEqual([{ impressions: 720, likes: 54 }]);
      // No cell of the day or its week twice (the cube has no unique key since migration 1765000000500:
      // the builders' locks keep one copy of each cell).
      const copies = await db.query<{ cells: number; distinct: number }[]>(
        `SELECT count(*)::int AS cells,
              count(DISTINCT (grain, campaign_id, day, creative_id, d1, d2, d3, d4, d5))::int AS distinct
         FROM cube_daily WHERE org_id = $1 AND day BETWEEN $2::date - 6 AND $2::date`,
        [a.orgId, day],
      );
      expect(copies[0]?.cells).toBeGreaterThan(50);
      expect(copies[0]?.distinct).toBe(copies[0]?.cells);
    },
    REFRESH_ALL_TIMEOUT_MS,
  );

  it('events committed while a rebuild of their day is under way are in the next answer (the rebuild does not clear them)', async () => {
    const seed = seeder(app, a.orgId);
    const campaign = await seed.campaign('midway');
    const creative = await seed.creative(campaign, 'mid1', { platform: 'tiktok' });
    const day = '2026-08-10';
    const impressions = (n: number) =>
      event({
        campaignId: campaign,
        creativeId: creative,
        platform: 'tiktok',
        type: 'impression',
        count: n,
        occurredAt: `${day}T10:00:00Z`,
      });
    const period = { campaign: 'midway', from: day, to: day };
    // 1. 100 impressions, built.  2. +20, marked.  3. A rebuild reads the day (120) and is held before it
    // stores it.  4. +30 committed meanwhile.  5. The rebuild stores 120.  The next read must say 150.
    // The cells are held BEFORE the +20 is marked: the background refresher may rebuild a marked day at any
    // moment, and a day it built before the cells were held leaves this test's rebuild nothing to do (no rebuild
    // would ever wait). Held first, every rebuild of the +20 — this test's or the refresher's — stops at the cells.
    await seed.events([impressions(100)]);
    expect((await summary(a, period)).current.impressions).toBe(pub.count({ impressions: 100 }, 'impressions'));
    await buildMarkedDays(a.orgId); // (a read never builds a day: live-days.ts)
    const held = await holdCubeCells(a.orgId, day);
    let rebuild: Promise<boolean>;
    try {
      await seed.events([impressions(20)]);
      rebuild = app.get(CubeBuilder).rebuildDay(a.orgId, day);
      await rebuildWaiting(held, rebuild);
      await seed.events([impressions(30)]);
    } finally {
      await held.release();
    }
    await rebuild;
    const res = await summary(a, period);
    expect(res.meta.source).toBe('cube_daily');
    expect(res.current.impressions).toBe(pub.count({ impressions: 150 }, 'impressions'));
  });

  it(
    'refreshAll() while a run is in flight: days marked before the call are built when it resolves',
    async () => {
      const seed = seeder(app, a.orgId);
      const campaign = await seed.campaign('inflight');
      const creative = await seed.creative(campaign, 'if1', { platform: 'tiktok' });
      const impressions = (n: number, day: string) =>
        event({
          campaignId: campaign,
          creativeId: creative,
          platform: 'tiktok',
          type: 'impression',
          count: n,
          occurredAt: `${day}T10:00:00Z`,
        });
      const builder = app.get(CubeBuilder);
      // 09-07 is built, then marked again; a run rebuilding it is held before it stores the day (the cells are held
      // before the day is marked again, so the background refresher cannot build it first: see the test above).
      // 09-14 is written meanwhile; refreshAll() is called after that write committed and awaited.
      await seed.events([impressions(40, '2026-09-07')]);
      await builder.refreshAll();
      const held = await holdCubeCells(a.orgId, '2026-09-07');
      let running: Promise<void>;
      let refreshed: Promise<void>;
      try {
        await seed.events([impressions(15, '2026-09-07')]);
        running = builder.refreshAll();
        await rebuildWaiting(held, running);
        await seed.events([impressions(60, '2026-09-14')]);
        refreshed = builder.refreshAll();
      } finally {
        await held.release();
      }
      await Promise.all([running, refreshed]);
      expect(await dirtyDays(a.orgId)).not.toContain('2026-09-14');
      expect(await dirtyDays(a.orgId)).not.toContain('2026-09-07');
      // Reads are right either way (they read marked days' exact rows): 55 and 60 impressions.
      const series = await timeseries(a, { campaign: 'inflight', from: '2026-09-07', to: '2026-09-14' });
      expect(
        series.current
          .filter((bucket: Body) => bucket['metrics'].impressions > 0)
          .map((bucket: Body) => [bucket['bucket'], bucket['metrics'].impressions]),
      ).toEqual([
        ['2026-09-07', pub.count({ impressions: 55 }, 'impressions')],
        ['2026-09-14', pub.count({ impressions: 60 }, 'impressions')],
      ]);
    },
    REFRESH_ALL_TIMEOUT_MS,
  );

  it('versions per day: each marking raises the day’s own version, a build settles the mark instead of deleting it, so a day marked again after a build is rebuilt', async () => {
    const seed = seeder(app, a.orgId);
    const campaign = await seed.campaign('versions');
    const creative = await seed.creative(campaign, 'v1', { platform: 'tiktok' });
    const base = { campaignId: campaign, creativeId: creative, platform: 'tiktok', occurredAt: '2026-10-05T10:00:00Z' };
    const period = { campaign: 'versions', from: '2026-10-05', to: '2026-10-05' };
    const mark = async () =>
      (
        await db.query<{ version: number; pending: boolean; built: number | null }[]>(
          `SELECT d.version::float8 AS version, d.pending, b.built_version::float8 AS built
             FROM cube_dirty d LEFT JOIN cube_days b ON b.org_id = d.org_id AND b.day = d.day
            WHERE d.org_id = $1 AND d.day = '2026-10-05'`,
          [a.orgId],
        )
      )[0];

    // (The background refresher may build the day at any moment: only what it cannot change is asserted before a read.)
    await seed.events([event({ ...base, type: 'impression', count: 40 })]);
    expect(await mark()).toMatchObject({ version: 1 });
    expect((await summary(a, period)).current).toMatchObject(P({ impressions: 40 }));
    await buildMarkedDays(a.orgId); // (a read never builds a day: live-days.ts)
    expect(await mark()).toEqual({ version: 1, pending: false, built: 1 });

    // Two more batches: the mark's own counter goes on from the stored version (no sequence), pending again.
    await seed.events([event({ ...base, type: 'impression', count: 30 })]);
    await seed.events([event({ ...base, type: 'like', count: 12 })]);
    expect(await mark()).toMatchObject({ version: 3 });
    await buildMarkedDays(a.orgId);
    expect(await mark()).toEqual({ version: 3, pending: false, built: 3 });
    // Settled: nothing to rebuild, and the stored build stays.
    expect(await app.get(CubeBuilder).rebuildDay(a.orgId, '2026-10-05')).toBe(false);
    const res = await summary(a, period);
    expect(res.meta.source).toBe('cube_daily');
    expect(res.current).toMatchObject(P({ impressions: 70, engagements: 12 }));

    // A day whose stored build is far ahead of any count a fresh mark would start from (versions taken from a
    // sequence before this rule, or on another Citus node): marked again, it is still rebuilt, because the
    // counter continues from the settled mark, which the migration seeded at the build's version.
    await db.query(`UPDATE cube_dirty SET version = 281474976710700 WHERE org_id = $1 AND day = '2026-10-05'`, [
      a.orgId,
    ]);
    await db.query(`UPDATE cube_days SET built_version = 281474976710700 WHERE org_id = $1 AND day = '2026-10-05'`, [
      a.orgId,
    ]);
    await seed.events([event({ ...base, type: 'impression', count: 1000 })]);
    expect(await mark()).toMatchObject({ version: 281474976710701 });
    const after = await summary(a, period);
    expect(after.meta.source).toBe('cube_daily');
    expect(after.current).toMatchObject(P({ impressions: 1070, engagements: 12 }));
    await buildMarkedDays(a.orgId);
    expect(await mark()).toEqual({ version: 281474976710701, pending: false, built: 281474976710701 });
  });

  it('a member whose events of one day and creative disagree on the age band counts in each band, once in the total', async () => {
    const seed = seeder(app, a.orgId);
    const campaign = await seed.campaign('conflict');
    const creative = await seed.creative(campaign, 'c1', { platform: 'tiktok' });
    const base = { campaignId: campaign, creativeId: creative, platform: 'tiktok', type: 'impression' as const };
    // 12 people, each with a 10:00 event in 35-44 and a 09:00 event in 25-34: each was reached as a
    // 25-34 and as a 35-44 (distinct members per cell), and is one person in the de-duplicated total.
    await seed.events(
      Array.from({ length: 12 }, (_, i) => [
        event({
          ...base,
          eventId: `conflict-a-${i}`,
          occurredAt: '2026-10-12T10:00:00Z',
          ageBand: '35-44',
          memberHash: memberHash(`conflict-${i}`),
        }),
        event({
          ...base,
          eventId: `conflict-b-${i}`,
          occurredAt: '2026-10-12T09:00:00Z',
          ageBand: '25-34',
          memberHash: memberHash(`conflict-${i}`),
        }),
      ]).flat(),
    );
    const query = { campaign: 'conflict', from: '2026-10-12', to: '2026-10-12', by: 'ageBand' };
    const cube = await breakdown(a, query);
    expect(cube.meta.source).toBe('cube_daily');
    const rowsOf = (body: Body) =>
      body.rows.map((r: Body) => [r['key'][0].value, r['current'].impressions, r['current'].reach]);
    expect(rowsOf(cube)).toEqual([
      ['25-34', ...IR(12, 0, 12)],
      ['35-44', ...IR(12, 0, 12)],
    ]);
    expect(cube.total.current.reach).toBe(IR(24, 0, 12)[1]);
    // The exact path reads the same reach rows: same answer.
    const exact = await exactPath(app, () => breakdown(a, query));
    expect(exact.meta.source).not.toBe('cube_daily');
    expect(rowsOf(exact)).toEqual(rowsOf(cube));
    expect(exact.total.current.reach).toBe(IR(24, 0, 12)[1]);
  });

  it('a counts-only answer kept in memory is used only while every day of its period is at the same build', async () => {
    const seed = seeder(app, a.orgId);
    const campaign = await seed.campaign('sums');
    const creative = await seed.creative(campaign, 'sums1', { platform: 'tiktok' });
    const at = (day: string) => ({
      campaignId: campaign,
      creativeId: creative,
      ageBand: '25-34',
      occurredAt: `${day}T10:00:00Z`,
    });
    await seed.events([
      event({ ...at('2026-11-23'), type: 'impression', count: 40 }),
      event({ ...at('2026-11-23'), type: 'like', count: 20 }),
    ]);
    const query = { campaign: 'sums', from: '2026-11-23', to: '2026-11-24', segment: 'preset:adults' };
    const adults = async (): Promise<Body> => {
      const body = (await get(a, '/api/v1/analytics/creatives', query).expect(200)).body;
      expect(body.meta.source).toBe('cube_daily');
      return body.cells.find((c: Body) => c['creativeId'] === creative);
    };
    expect((await adults()).impressions).toBe(pub.count({ impressions: 40, engagements: 20 }, 'impressions'));
    expect((await adults()).impressions).toBe(pub.count({ impressions: 40, engagements: 20 }, 'impressions'));
    // A changed day and a new day in the period: the next answer is read again and holds both.
    await seed.events([
      event({ ...at('2026-11-23'), type: 'impression', count: 15 }),
      event({ ...at('2026-11-24'), type: 'impression', count: 25 }),
    ]);
    expect((await adults()).impressions).toBe(pub.count({ impressions: 80, engagements: 20 }, 'impressions'));
  });

  it('a reach answer’s cells kept in memory: read again when a day of the period (a week cell’s too) is built again, or a creative’s theme changes', async () => {
    const seed = seeder(app, a.orgId);
    const campaign = await seed.campaign('kept-rows');
    const hope = await seed.creative(campaign, 'kept1', { platform: 'tiktok', theme: 'hope' });
    const also = await seed.creative(campaign, 'kept2', { platform: 'tiktok', theme: 'hope' });
    const seen = (from: number, to: number, creativeId: string, day: string) =>
      Array.from({ length: to - from }, (_, i) =>
        event({
          campaignId: campaign,
          creativeId,
          type: 'impression',
          ageBand: '18-24',
          memberHash: memberHash(`kept-${from + i}`),
          occurredAt: `${day}T10:00:00Z`,
        }),
      );
    // Monday 2026-09-21 to Sunday 09-27: a whole week, read from the creative grain's week cells.
    await seed.events([...seen(0, 30, hope, '2026-09-21'), ...seen(20, 50, also, '2026-09-22')]);
    await buildMarkedDays(a.orgId);
    const week = { campaign: 'kept-rows', from: '2026-09-21', to: '2026-09-27' };
    const reach = (body: Body, key: string) =>
      body.rows.find((r: Body) => r['key'][0].value === key)?.['current'].reach as unknown;
    const byCreative = await breakdown(a, { ...week, by: 'creative' });
    expect(byCreative.meta.source).toBe('cube_daily');
    expect(reach(byCreative, hope)).toBe(pub.count({ impressions: 30 }, 'reach', 30));
    const again = await breakdown(a, { ...week, by: 'creative' });
    expect([again.rows, again.total]).toEqual([byCreative.rows, byCreative.total]);
    // Thursday changes and is built again: the week's cells with it, and the answer follows.
    await seed.events(seen(100, 140, hope, '2026-09-24'));
    await buildMarkedDays(a.orgId);
    const after = await breakdown(a, { ...week, by: 'creative' });
    expect(after.meta.source).toBe('cube_daily');
    expect(reach(after, hope)).toBe(pub.count({ impressions: 70 }, 'reach', 70));

    // Grouped by theme: both creatives are 'hope' (50 people), until one is given another theme.
    const byTheme = async () => breakdown(a, { ...week, by: 'theme' });
    expect(reach(await byTheme(), 'hope')).toBe(pub.count({ impressions: 100 }, 'reach', 90));
    await a.agent.patch(`/api/v1/creatives/${also}`).send({ theme: 'courage' }).expect(200);
    const retold = await byTheme();
    expect(retold.rows.map((r: Body) => r['key'][0].value).sort()).toEqual(['courage', 'hope']);
    expect(reach(retold, 'hope')).toBe(pub.count({ impressions: 70 }, 'reach', 70));
    expect(reach(retold, 'courage')).toBe(pub.count({ impressions: 30 }, 'reach', 30));
  });

  it('isolation: org B sees none of A’s cube figures on the same days, and A none of B’s', async () => {
    const aOn0505 = await summary(a, { from: '2026-05-05', to: '2026-05-05' });
    expect(aOn0505.current.impressions).toBeGreaterThan(0);
    // B's own data on 05-05, a day A's "agree" dataset also fills: 30 impressions + people 0…10 (11) → 41, reach 11.
    const seedB = seeder(app, b.orgId);
    const campaign = await seedB.campaign('b-only');
    const creative = await seedB.creative(campaign, 'b1', { platform: 'instagram' });
    const occurredAt = '2026-05-05T10:00:00Z';
    await seedB.events([
      event({
        campaignId: campaign,
        creativeId: creative,
        platform: 'instagram',
        type: 'impression',
        count: 30,
        occurredAt,
      }),
      ...Array.from({ length: 11 }, (_, i) =>
        event({
          campaignId: campaign,
          creativeId: creative,
          platform: 'instagram',
          type: 'impression',
          memberHash: memberHash(`agree-${i}`),
          occurredAt,
        }),
      ),
    ]);
    const window = { from: '2026-04-01', to: '2026-08-31' };
    // A's cube is built over the whole window (and A has thousands of impressions in it).
    const ofA = await summary(a, window);
    expect(ofA.meta.source).toBe('cube_daily');
    expect(ofA.current.impressions).toBeGreaterThan(5000);

    const ofB = await summary(b, window);
    const pubB = await publishedFor(app, b.orgId); // B's own secret: its figures are keyed apart from A's
    expect(ofB.meta.source).toBe('cube_daily');
    expect(ofB.current).toMatchObject(pubB.counts({ impressions: 41 }, 11));
    const bElsewhere = await summary(b, { from: '2026-06-01', to: '2026-06-03' }); // A's 4,430 impressions there
    expect(bElsewhere.meta.source).toBe('cube_daily');
    expect(bElsewhere.current).toMatchObject({ impressions: 0, reach: 0, engagements: 0 });
    const ages = await breakdown(b, { ...window, by: 'ageBand' });
    expect(ages.rows.map((r: Body) => [r['key'][0].value, r['current'].impressions])).toEqual([
      ['unknown', pubB.count({ impressions: 41 }, 'impressions')],
    ]);
    const creatives = await breakdown(b, { ...window, by: 'creative' });
    expect(creatives.rows.map((r: Body) => r['key'][0].value)).toEqual([creative]);
    const days = await timeseries(b, { from: '2026-05-01', to: '2026-05-14' });
    expect(
      days.current
        .filter((bucket: Body) => bucket['metrics'].impressions !== 0)
        .map((bucket: Body) => bucket['bucket']),
    ).toEqual(['2026-05-05']);
    // B's people share member hashes with A's, yet A's figures for 05-05 are what they were.
    expect((await summary(a, { from: '2026-05-05', to: '2026-05-05' })).current).toEqual(aOn0505.current);
    // B's cube holds B's day only, and that week's cells (under its Monday, 05-04).
    await buildMarkedDays(a.orgId);
    await buildMarkedDays(b.orgId);
    const bDays = await db.query<{ day: string; week: boolean }[]>(
      `SELECT DISTINCT to_char(day, 'YYYY-MM-DD') AS day, grain LIKE '%@week' AS week FROM cube_daily
        WHERE org_id = $1 ORDER BY 1`,
      [b.orgId],
    );
    expect(bDays).toEqual([
      { day: '2026-05-04', week: true },
      { day: '2026-05-05', week: false },
    ]);
  });

  it('more than 31 changed days in a window (a backfill): answered exactly from the rollups until the refresher has built them', async () => {
    const seed = seeder(app, a.orgId);
    const campaign = await seed.campaign('backfill');
    const creative = await seed.creative(campaign, 'bf1', { platform: 'tiktok' });
    // 40 days from 2025-11-01, 10 impressions a day, 15 people coming back: 400 impressions, reach 15.
    const days = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2025, 10, 1 + i)).toISOString().slice(0, 10));
    // Keep the background refresher from building these days while we ask (its write step waits on this lock).
    const holder = await holdCubeDayBuilds(a.orgId, days);
    try {
      await seed.events(
        days.map((day, i) =>
          event({
            campaignId: campaign,
            creativeId: creative,
            platform: 'tiktok',
            type: 'impression',
            count: 10,
            memberHash: memberHash(`backfill-${i % 15}`),
            occurredAt: `${day}T12:00:00Z`,
          }),
        ),
      );
      const period = { campaign: 'backfill', from: days[0] as string, to: days[39] as string };
      const waiting = await summary(a, period);
      expect(waiting.meta.source).toBe('rollup_daily_creative');
      expect(waiting.current).toMatchObject(P({ impressions: 400 }, 15));
      expect(waiting.meta.reach.method).toBe('exact');
    } finally {
      await holder.release();
    }
    await buildMarkedDays(a.orgId);
    const built = await summary(a, { campaign: 'backfill', from: days[0] as string, to: days[39] as string });
    expect(built.meta.source).toBe('cube_daily');
    expect(built.current).toMatchObject(P({ impressions: 400 }, 15));
  });

  it('a day changed since its build is answered from its build and the events written since, merged with the built days, without rebuilding it; built again, it is read from the cube', async () => {
    const seed = seeder(app, a.orgId);
    const campaign = await seed.campaign('live');
    const c1 = await seed.creative(campaign, 'live1', { platform: 'tiktok' });
    const c2 = await seed.creative(campaign, 'live2', { platform: 'instagram' });
    const [built, changed] = ['2026-11-16', '2026-11-17'] as const;
    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const people = (creativeId: string, platform: string, ageBand: string, day: string, members: number[]) =>
      members.map((i) =>
        event({
          campaignId: campaign,
          creativeId,
          platform,
          type: 'impression',
          ageBand,
          gender: 'female',
          memberHash: memberHash(`live-${i}`),
          occurredAt: `${day}T10:00:00Z`,
        }),
      );
    const likes = (creativeId: string, platform: string, day: string, count: number) =>
      event({
        campaignId: campaign,
        creativeId,
        platform,
        type: 'like',
        count,
        ageBand: '25-34',
        occurredAt: `${day}T11:00:00Z`,
      });
    // Built:   11-16 people 0…1499 on live1 (18-24) + 40 likes on live1 (25-34); 11-17 people 1000…1299 on live2 (25-34).
    // Changed: 11-17 gets people 1200…2099 on live1 (18-24) + 25 likes on live2 (25-34), after its build.
    // 11-16: impressions 1,500, engagements 40, reach 1,500. 11-17: 1,200, 25, reach 1,100 (people 1000…2099).
    // Both days: 2,700 impressions, 65 engagements, reach 2,100 (people 0…2099: more than 2,048, a sketch estimate).
    // By age: 18-24 2,400 impressions, reach 2,100 (estimated); 25-34 300 impressions, 65 engagements, reach 300.
    // By creative: live1 2,400 impressions, 40 engagements, reach 2,100; live2 300, 25, reach 300.
    await seed.events([...people(c1, 'tiktok', '18-24', built, range(0, 1499)), likes(c1, 'tiktok', built, 40)]);
    await seed.events(people(c2, 'instagram', '25-34', changed, range(1000, 1299)));
    await buildMarkedDays(a.orgId);
    const state = async () =>
      (
        await db.query<{ day: string; pending: boolean; built: string }[]>(
          `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.pending, b.built_version::text AS built
             FROM cube_dirty d JOIN cube_days b ON b.org_id = d.org_id AND b.day = d.day
            WHERE d.org_id = $1 AND d.day BETWEEN $2::date AND $3::date ORDER BY d.day`,
          [a.orgId, built, changed],
        )
      ).map((r) => [r.day, r.pending, r.built]);
    const before = await state();
    expect(before.map(([day, pending]) => [day, pending])).toEqual([
      [built, false],
      [changed, false],
    ]);

    const period = { campaign: 'live', from: built, to: changed };
    const questions: [string, (tenant: Tenant, query: Query) => Promise<Body>, Query][] = [
      ['summary', summary, period],
      ['summary, changed day', summary, { ...period, from: changed }],
      ['organisation summary, changed day', summary, { from: changed, to: changed }],
      ['by age band', breakdown, { ...period, by: 'ageBand' }],
      ['by creative', breakdown, { ...period, by: 'creative' }],
      ['by day', timeseries, { ...period, granularity: 'day' }],
      ['segment report', async (t, q) => (await get(t, '/api/v1/analytics/segments', q).expect(200)).body, period],
    ];
    const figures = (body: Body) => body.current ?? body.rows;
    /** An answer's figures without reach and what derives from it, and its reach figures in order. */
    const countsOf = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(countsOf)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .filter(([k]) => !/reach/i.test(k))
                .map(([k, v]) => [k, countsOf(v)]),
            )
          : value;
    const reachOf = (body: Body): number[] =>
      JSON.stringify(figures(body))
        .match(/"reach":\d+/g)
        ?.map((m) => Number(m.slice(8))) ?? [];

    // Keep the background refresher from building the changed day while we ask (its write step waits on this lock).
    const holder = await holdCubeDayBuilds(a.orgId, [changed]);
    const live = new Map<string, Body>();
    try {
      await seed.events([
        ...people(c1, 'tiktok', '18-24', changed, range(1200, 2099)),
        likes(c2, 'instagram', changed, 25),
      ]);
      for (const [name, read, query] of questions) live.set(name, await read(a, query));

      // Only the events written after the day's build are read, with the build: events the build holds,
      // even altered, change no answer. A day changed otherwise (an import's COPY, a revision: its mark's
      // full_version) is read whole. Both undone before the comparisons below.
      const changedDay = { ...period, from: changed };
      const alter = (sign: string) =>
        db.query(
          `UPDATE events SET count = count ${sign} 100000 WHERE org_id = $1 AND day = $2::date AND type = 'impression'
              AND version <= (SELECT built_version FROM cube_days WHERE org_id = $1 AND day = $2::date)`,
          [a.orgId, changed],
        );
      const [, altered] = await alter('+');
      expect(altered).toBeGreaterThan(0);
      expect((await summary(a, changedDay)).current).toEqual((live.get('summary, changed day') as Body).current);
      await db.query(`UPDATE cube_dirty SET full_version = version WHERE org_id = $1 AND day = $2::date`, [
        a.orgId,
        changed,
      ]);
      const whole = await summary(a, changedDay);
      expect(whole.meta.source).toBe('cube_daily');
      expect(whole.current.impressions).toBeGreaterThan(100000);
      await alter('-');
      // Marked again (as a resend marks it): a build of the day that read the altered events meanwhile (its read
      // step is not held, only its write step) is then older than the mark, and does not settle it.
      await db.query(
        `UPDATE cube_dirty SET full_version = 0, version = version + 1 WHERE org_id = $1 AND day = $2::date`,
        [a.orgId, changed],
      );
      const sum = live.get('summary') as Body;
      expect(sum.meta.source).toBe('cube_daily');
      expect(sum.meta.reach.method).toBe('sketch');
      expect(sum.current.impressions).toBe(pub.count({ impressions: 2700, engagements: 65 }, 'impressions'));
      expect(sum.current.engagements).toBe(pub.count({ impressions: 2700, engagements: 65 }, 'engagements'));
      expect(Math.abs(sum.current.reach - 2100)).toBeLessThanOrEqual(3 * SKETCH_RELATIVE_STANDARD_ERROR * 2100 + 5);
      const day = live.get('summary, changed day') as Body;
      expect(day.meta.source).toBe('cube_daily');
      expect(day.meta.reach.method).toBe('exact');
      expect(day.current).toMatchObject(P({ impressions: 1200, engagements: 25 }, 1100));
      const org = live.get('organisation summary, changed day') as Body;
      expect(org.current).toMatchObject(P({ impressions: 1200, engagements: 25 }, 1100));
      const rowsOf = (body: Body) =>
        body.rows.map((r: Body) => [r['key'][0].value, r['current'].impressions, r['current'].engagements]);
      expect(rowsOf(live.get('by age band') as Body)).toEqual([
        ['18-24', pub.count({ impressions: 2400 }, 'impressions'), 0],
        [
          '25-34',
          ...[300, 65].map((_, i) =>
            pub.count({ impressions: 300, engagements: 65 }, i ? 'engagements' : 'impressions'),
          ),
        ],
      ]);
      expect(rowsOf(live.get('by creative') as Body)).toEqual([
        [
          c1,
          ...[2400, 40].map((_, i) =>
            pub.count({ impressions: 2400, engagements: 40 }, i ? 'engagements' : 'impressions'),
          ),
        ],
        [
          c2,
          ...[300, 25].map((_, i) =>
            pub.count({ impressions: 300, engagements: 25 }, i ? 'engagements' : 'impressions'),
          ),
        ],
      ]);
      expect(
        (live.get('by day') as Body).current.map((bucket: Body) => [
          bucket['bucket'],
          bucket['metrics'].impressions,
          bucket['metrics'].reach,
        ]),
      ).toEqual([
        [built, ...IR(1500, 40, 1500)],
        [changed, ...IR(1200, 25, 1100)],
      ]);
      // Every answer agrees with the exact path (the cube skipped): counts exactly, reach within the stated error.
      for (const [name, read, query] of questions) {
        const cube = live.get(name) as Body;
        expect({ name, source: cube.meta.source }).toEqual({ name, source: 'cube_daily' });
        const exact = await exactPath(app, () => read(a, query));
        expect({ name, source: exact.meta.source }).toEqual({ name, source: expect.stringMatching(/^rollup_/) });
        expect({ name, counts: countsOf(figures(cube)) }).toEqual({ name, counts: countsOf(figures(exact)) });
        const [got, want] = [reachOf(cube), reachOf(exact)];
        expect(got.length).toBeGreaterThan(0);
        expect(got).toHaveLength(want.length);
        got.forEach((r, i) =>
          expect(Math.abs(r - (want[i] as number))).toBeLessThanOrEqual(3 * SKETCH_RELATIVE_STANDARD_ERROR * r + 10),
        );
      }
      // No read rebuilt the changed day: its build and its mark are as the writes left them.
      const during = await state();
      expect(during).toEqual([before[0], [changed, true, before[1]?.[2]]]);
    } finally {
      await holder.release();
    }

    // Built by the refresher: the same answers, now from the cube (the sketch of the same people gives the same estimate).
    await buildMarkedDays(a.orgId);
    const after = await state();
    expect(after[1]?.[1]).toBe(false);
    expect(BigInt(after[1]?.[2] as string)).toBeGreaterThan(BigInt(before[1]?.[2] as string));
    for (const [name, read, query] of questions) {
      const body = await read(a, query);
      expect({ name, source: body.meta.source, figures: figures(body) }).toEqual({
        name,
        source: 'cube_daily',
        figures: figures(live.get(name) as Body),
      });
    }
    // And read from the cube indeed: a change to the built day's stored cell shows in the answer.
    const total = `org_id = $1 AND day = $2::date AND grain = 'total' AND campaign_id = $3::uuid`;
    await db.query(`UPDATE cube_daily SET impressions = impressions + 1000 WHERE ${total}`, [
      a.orgId,
      changed,
      campaign,
    ]);
    // (A tamper is no build: the cells the reader keeps while no day's build changes are forgotten.)
    (app.get(CubeReader) as unknown as { kept: { clear(): void } }).kept.clear();
    try {
      const tampered = await summary(a, { ...period, from: changed });
      expect(tampered.current.impressions).toBe(pub.count({ impressions: 2200, engagements: 25 }, 'impressions'));
    } finally {
      await db.query(`UPDATE cube_daily SET impressions = impressions - 1000 WHERE ${total}`, [
        a.orgId,
        changed,
        campaign,
      ]);
    }
  });
});
