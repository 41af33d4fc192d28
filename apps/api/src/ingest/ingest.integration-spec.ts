import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Worker } from 'node:worker_threads';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { jest } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';
import { CatalogResolver } from './catalog-resolver.js';
import { IngestService } from './ingest.service.js';

const SAMPLE = fileURLToPath(new URL('../../test/fixtures/exports/events-sample.ndjson', import.meta.url));

interface Ev {
  eventId: string;
  occurredAt: string;
  campaign: string;
  creative: string;
  platform: string;
  type: string;
  memberId?: string;
  ageBand?: string;
  gender?: string;
  region?: string;
  language?: string;
  count?: number;
}

describe('POST /api/v1/events', () => {
  let app: NestExpressApplication;
  let db: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  /** A tenant with an ingest key and the given campaigns. */
  async function setup(
    campaigns: string[],
  ): Promise<{ org: Tenant; key: string; campaignIds: Record<string, string> }> {
    const org = await createTenant(app);
    const key = (await org.apiKey(['ingest'])).key;
    const campaignIds: Record<string, string> = {};
    for (const c of campaigns) {
      const res = await org.agent.post('/api/v1/campaigns').send({ key: c, name: c }).expect(201);
      campaignIds[c] = res.body.id as string;
    }
    return { org, key, campaignIds };
  }

  const postJson = (key: string, body: unknown) =>
    request(app.getHttpServer())
      .post('/api/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .send(body as object);
  const postNdjson = (key: string, text: string | Buffer, headers: Record<string, string> = {}) =>
    request(app.getHttpServer())
      .post('/api/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/x-ndjson')
      .set(headers)
      .send(text);

  const metricSums = `sum(impressions)::int AS impressions, sum(views)::int AS views, sum(likes)::int AS likes,
    sum(video_views)::int AS video_views, sum(clicks)::int AS clicks`;

  it('stores events with their rollups and reach, hand-checked, and counts resends as duplicates', async () => {
    const { org, key, campaignIds } = await setup(['spring']);
    await db.query(`UPDATE organizations SET time_zone = 'Europe/London' WHERE id = $1`, [org.orgId]);
    const campaignId = campaignIds['spring'];
    const c1 = await org.agent
      .post(`/api/v1/campaigns/${campaignId}/creatives`)
      .send({ key: 'c1', name: 'C1', platform: 'instagram', format: 'image' })
      .expect(201);
    const dims = { ageBand: '18-24', gender: 'female', region: 'GB-ENG', language: 'en' };
    const events: Ev[] = [
      {
        eventId: 'e1',
        occurredAt: '2026-05-01T10:00:00Z',
        campaign: 'spring',
        creative: 'c1',
        platform: 'instagram',
        type: 'impression',
        memberId: 'm1',
        ...dims,
      },
      {
        eventId: 'e2',
        occurredAt: '2026-05-01T11:30:00+01:00',
        campaign: 'spring',
        creative: 'c1',
        platform: 'instagram',
        type: 'impression',
        memberId: 'm2',
        ...dims,
        count: 3,
      },
      {
        eventId: 'e3',
        occurredAt: '2026-05-01T10:45:00Z',
        campaign: 'spring',
        creative: 'c1',
        platform: 'instagram',
        type: 'like',
        memberId: 'm1',
        ...dims,
      },
      // 23:30 UTC is 00:30 on 2 May in London (BST): the organisation's day.
      {
        eventId: 'e4',
        occurredAt: '2026-05-01T23:30:00Z',
        campaign: 'spring',
        creative: 'c1',
        platform: 'instagram',
        type: 'view',
        memberId: 'm1',
        ...dims,
      },
      {
        eventId: 'e5',
        occurredAt: '2026-05-01T12:00:00Z',
        campaign: 'spring',
        creative: 'c2',
        platform: 'tiktok',
        type: 'video_view',
        count: 2,
      },
      // Same id again in the batch: a duplicate, the first one counts.
      {
        eventId: 'e1',
        occurredAt: '2026-05-01T10:00:00Z',
        campaign: 'spring',
        creative: 'c1',
        platform: 'instagram',
        type: 'impression',
        memberId: 'm1',
        ...dims,
        count: 100,
      },
    ];
    const res = await postJson(key, events).expect(200);
    expect(res.body).toEqual({ accepted: 5, duplicates: 1, rejected: 0, errors: [] });

    const c2 = (await org.agent.get(`/api/v1/campaigns/${campaignId}/creatives?needsDetails=true`).expect(200)).body;
    expect(c2).toMatchObject({ total: 1, items: [{ key: 'c2', name: 'c2', platform: 'tiktok', needsDetails: true }] });
    const c1Id = c1.body.id as string;
    const c2Id = c2.items[0].id as string;

    const expectRollups = async (): Promise<void> => {
      const daily = await db.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, creative_id, platform, age_band, gender, region, language, ${metricSums}
           FROM rollup_daily WHERE org_id = $1
          GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 3`,
        [org.orgId],
      );
      expect(daily).toEqual([
        {
          day: '2026-05-01',
          creative_id: c1Id,
          platform: 'instagram',
          ...{ age_band: '18-24', gender: 'female', region: 'GB-ENG', language: 'en' },
          impressions: 4,
          views: 0,
          likes: 1,
          video_views: 0,
          clicks: 0,
        },
        {
          day: '2026-05-01',
          creative_id: c2Id,
          platform: 'tiktok',
          age_band: 'unknown',
          gender: 'unknown',
          region: 'unknown',
          language: 'unknown',
          impressions: 0,
          views: 0,
          likes: 0,
          video_views: 2,
          clicks: 0,
        },
        {
          day: '2026-05-02',
          creative_id: c1Id,
          platform: 'instagram',
          age_band: '18-24',
          gender: 'female',
          region: 'GB-ENG',
          language: 'en',
          impressions: 0,
          views: 1,
          likes: 0,
          video_views: 0,
          clicks: 0,
        },
      ]);
      const byCreative = await db.query(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, creative_id, platform, campaign_id, ${metricSums}
           FROM rollup_daily_creative WHERE org_id = $1 GROUP BY 1, 2, 3, 4 ORDER BY 1, 3`,
        [org.orgId],
      );
      expect(byCreative).toEqual([
        {
          day: '2026-05-01',
          creative_id: c1Id,
          platform: 'instagram',
          campaign_id: campaignId,
          impressions: 4,
          views: 0,
          likes: 1,
          video_views: 0,
          clicks: 0,
        },
        {
          day: '2026-05-01',
          creative_id: c2Id,
          platform: 'tiktok',
          campaign_id: campaignId,
          impressions: 0,
          views: 0,
          likes: 0,
          video_views: 2,
          clicks: 0,
        },
        {
          day: '2026-05-02',
          creative_id: c1Id,
          platform: 'instagram',
          campaign_id: campaignId,
          impressions: 0,
          views: 1,
          likes: 0,
          video_views: 0,
          clicks: 0,
        },
      ]);
      const hourly = await db.query(
        `SELECT to_char(hour AT TIME ZONE 'UTC', 'HH24') AS hour, platform, ${metricSums}
           FROM rollup_hourly WHERE org_id = $1 GROUP BY 1, 2 ORDER BY 1`,
        [org.orgId],
      );
      expect(hourly).toEqual([
        { hour: '10', platform: 'instagram', impressions: 4, views: 0, likes: 1, video_views: 0, clicks: 0 },
        { hour: '12', platform: 'tiktok', impressions: 0, views: 0, likes: 0, video_views: 2, clicks: 0 },
        { hour: '23', platform: 'instagram', impressions: 0, views: 1, likes: 0, video_views: 0, clicks: 0 },
      ]);
      const reach = await db.query<{ day: string; creative_id: string; members: number }[]>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, creative_id, count(DISTINCT member_hash)::int AS members
           FROM reach_daily WHERE org_id = $1 GROUP BY 1, 2 ORDER BY 1`,
        [org.orgId],
      );
      expect(reach).toEqual([
        { day: '2026-05-01', creative_id: c1Id, members: 2 },
        { day: '2026-05-02', creative_id: c1Id, members: 1 },
      ]);
    };
    await expectRollups();

    // Resent: nothing changes, not even the days' cube marks (nothing in them is new to build).
    const marks = `SELECT to_char(day, 'YYYY-MM-DD') AS day, version::int AS version FROM cube_dirty WHERE org_id = $1 ORDER BY day`;
    const marked = await db.query(marks, [org.orgId]);
    expect(marked.map((m: { day: string }) => m.day)).toEqual(['2026-05-01', '2026-05-02']);
    const again = await postJson(key, { events }).expect(200);
    expect(again.body).toEqual({ accepted: 0, duplicates: 6, rejected: 0, errors: [] });
    await expectRollups();
    expect(await db.query(marks, [org.orgId])).toEqual(marked);
  });

  it('counts concurrent resends of the same batch exactly once', async () => {
    const { org, key } = await setup(['concurrent']);
    const events: Ev[] = Array.from({ length: 600 }, (_, i) => ({
      eventId: `cc-${i}`,
      occurredAt: `2026-09-${String(1 + (i % 10)).padStart(2, '0')}T08:00:00Z`,
      campaign: 'concurrent',
      creative: `ad-${i % 4}`,
      platform: 'instagram',
      type: i % 3 === 0 ? 'click' : 'impression',
      memberId: `member-${i % 50}`,
      count: 1 + (i % 2),
    }));
    // Each sender shuffles differently, as independent retries would.
    const orders = [events, [...events].reverse(), [...events.slice(300), ...events.slice(0, 300)]];
    const answers = await Promise.all(orders.map((batch) => postJson(key, batch)));
    for (const a of answers) expect(a.status).toBe(200);
    expect(answers.reduce((n, a) => n + (a.body.accepted as number), 0)).toBe(600);
    expect(answers.reduce((n, a) => n + (a.body.duplicates as number), 0)).toBe(1200);

    const expectedClicks = events.filter((e) => e.type === 'click').reduce((n, e) => n + (e.count ?? 1), 0);
    const expectedImpressions = events.filter((e) => e.type === 'impression').reduce((n, e) => n + (e.count ?? 1), 0);
    for (const table of ['rollup_daily', 'rollup_daily_creative', 'rollup_hourly']) {
      const [sums] = await db.query(
        `SELECT sum(clicks)::int AS clicks, sum(impressions)::int AS impressions FROM ${table} WHERE org_id = $1`,
        [org.orgId],
      );
      expect({ table, ...sums }).toEqual({ table, clicks: expectedClicks, impressions: expectedImpressions });
    }
    const [events_] = await db.query(`SELECT count(*)::int AS n FROM events WHERE org_id = $1`, [org.orgId]);
    expect(events_.n).toBe(600);
    // 10 days × 4 creatives; member i%50 and creative i%4 and day i%10 — distinct triples counted by hand in JS.
    const triples = new Set(events.map((e) => `${e.occurredAt.slice(0, 10)}|${e.creative}|${e.memberId ?? ''}`));
    const [reach] = await db.query(
      `SELECT count(*)::int AS n FROM (SELECT DISTINCT day, creative_id, member_hash FROM reach_daily WHERE org_id = $1) d`,
      [org.orgId],
    );
    expect(reach.n).toBe(triples.size);
  });

  it('answers 400 ingest_stream_broken when the client sends a gzip stream that breaks off (its side, not a 503)', async () => {
    const { key } = await setup(['mham-2026']);
    const text = readFileSync(SAMPLE, 'utf8');
    const whole = gzipSync(text);
    const res = await postNdjson(key, whole.subarray(0, whole.length - 64), { 'Content-Encoding': 'gzip' }).expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      code: 'ingest_stream_broken',
      message: expect.stringContaining('broke off'),
      details: { lastCommittedLine: expect.any(Number) },
    });
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('streams the shared NDJSON sample, registers its creatives, and counts a resend as duplicates', async () => {
    const { org, key, campaignIds } = await setup(['mham-2026']);
    const text = readFileSync(SAMPLE, 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Ev);
    const res = await postNdjson(key, text).expect(200);
    expect(res.body).toEqual({ accepted: 2000, duplicates: 0, rejected: 0, errors: [], committedChunks: 1 });

    const byType = new Map<string, number>();
    for (const e of lines) byType.set(e.type, (byType.get(e.type) ?? 0) + (e.count ?? 1));
    const [sums] = await db.query(
      `SELECT sum(impressions)::int AS impression, sum(views)::int AS view, sum(likes)::int AS like,
              sum(resource_clicks)::int AS resource_click
         FROM rollup_daily WHERE org_id = $1`,
      [org.orgId],
    );
    expect(sums).toEqual({
      impression: byType.get('impression') ?? 0,
      view: byType.get('view') ?? 0,
      like: byType.get('like') ?? 0,
      resource_click: byType.get('resource_click') ?? 0,
    });
    const creatives = await org.agent.get(`/api/v1/campaigns/${campaignIds['mham-2026']}/creatives`).expect(200);
    expect(creatives.body.items.map((c: { key: string; needsDetails: boolean }) => [c.key, c.needsDetails])).toEqual([
      ['ad-1', true],
      ['ad-2', true],
      ['ad-3', true],
      ['ad-4', true],
      ['ad-5', true],
    ]);

    const resend = await postNdjson(key, gzipSync(text), { 'Content-Encoding': 'gzip' }).expect(200);
    expect(resend.body).toMatchObject({ accepted: 0, duplicates: 2000, rejected: 0 });

    // The raw member ids are nowhere in the stored rows.
    const someMember = lines[0]?.memberId ?? '';
    expect(someMember).toMatch(/^member-/);
    for (const table of ['events', 'reach_daily', 'rollup_daily']) {
      // This organisation's rows only: other suites run in parallel with their own ids.
      const [found] = await db.query(
        `SELECT count(*)::int AS n FROM ${table} t WHERE t.org_id = $1 AND t::text LIKE '%member-%'`,
        [org.orgId],
      );
      expect({ table, n: found.n }).toEqual({ table, n: 0 });
    }
  });

  it('commits NDJSON in chunks and reports them; a bad line is named by its number', async () => {
    const { key } = await setup(['chunks']);
    const lines = Array.from({ length: 12_000 }, (_, i) =>
      JSON.stringify({
        eventId: `ch-${i}`,
        occurredAt: '2026-10-10T10:00:00Z',
        campaign: 'chunks',
        creative: 'a',
        platform: 'x',
        type: 'view',
      }),
    );
    lines.splice(4, 0, '{"eventId": "broken", ');
    lines.splice(9, 0, '');
    const res = await postNdjson(key, `${lines.join('\r\n')}\r\n`).expect(200);
    expect(res.body.accepted).toBe(12_000);
    expect(res.body.rejected).toBe(1);
    expect(res.body.committedChunks).toBeGreaterThanOrEqual(2);
    expect(res.body.errors).toEqual([
      { index: 5, field: null, message: expect.stringMatching(/^line 5 is not valid JSON/) },
    ]);
  });

  it('cuts an NDJSON chunk by bytes too: long lines are committed a few MB at a time, not 5,000 at once', async () => {
    const { key } = await setup(['bytes']);
    // 100 lines of 60 KB (refused: an unknown field), then good rows: 6 MB, past one chunk's 4 MiB.
    const long = Array.from({ length: 100 }, (_, i) =>
      JSON.stringify({ eventId: `pad-${i}`, pad: 'p'.repeat(60_000) }),
    );
    const good = Array.from({ length: 10 }, (_, i) =>
      JSON.stringify({
        eventId: `b-${i}`,
        occurredAt: '2026-10-10T10:00:00Z',
        campaign: 'bytes',
        creative: 'a',
        platform: 'x',
        type: 'view',
      }),
    );
    const res = await postNdjson(key, `${[...long, ...good].join('\n')}\n`).expect(200);
    expect(res.body).toMatchObject({ accepted: 10, rejected: 100, committedChunks: 2 });
    expect(res.body.errors[0]).toEqual({
      index: 1,
      field: 'pad',
      message: expect.stringContaining("unknown field 'pad'"),
    });
  });

  it('rejects bad rows field by field while storing the good rows of the same request', async () => {
    const { key } = await setup(['checks']);
    const good = {
      eventId: 'ok-1',
      occurredAt: '2026-05-01T10:00:00+02:00',
      campaign: 'checks',
      creative: 'a',
      platform: 'facebook',
      type: 'share',
    };
    const bad: [Record<string, unknown>, string, string][] = [
      [{ eventId: 'x'.repeat(129) }, 'eventId', 'at most 128'],
      [{ eventId: undefined }, 'eventId', 'eventId is required'],
      [{ occurredAt: '2026-05-01T10:00:00' }, 'occurredAt', 'with an offset'],
      [{ occurredAt: '2026-02-30T10:00:00Z' }, 'occurredAt', 'ISO-8601'],
      [{ type: 'poke' }, 'type', 'type must be one of impression, view'],
      [{ platform: 'myspace' }, 'platform', 'platform must be one of'],
      [{ ageBand: '55-plus' }, 'ageBand', '55+'],
      [{ gender: 'f' }, 'gender', 'gender must be one of'],
      [{ region: 'England' }, 'region', 'ISO 3166'],
      [{ language: 'english!' }, 'language', 'BCP 47'],
      [{ count: 0 }, 'count', 'positive whole number'],
      [{ count: 1.5 }, 'count', 'positive whole number'],
      [{ memberId: 'm'.repeat(257) }, 'memberId', 'at most 256'],
      [{ memberId: 42 }, 'memberId', 'string'],
      [{ campaign: 'Not a key' }, 'campaign', 'campaign key'],
      [{ referrer: 'https://example.org' }, 'referrer', "unknown field 'referrer'"],
      [{ campaign: 'never-created' }, 'campaign', "unknown campaign 'never-created' — create it first"],
    ];
    const body = [good, ...bad.map(([change], i) => ({ ...good, eventId: `bad-${i}`, ...change })), 'not an object'];
    const res = await postJson(key, body).expect(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toBe(bad.length + 1);
    bad.forEach(([, field, message], i) => {
      expect(res.body.errors).toContainEqual({ index: i + 1, field, message: expect.stringContaining(message) });
    });
    expect(res.body.errors).toContainEqual({
      index: bad.length + 1,
      field: null,
      message: 'each event must be a JSON object',
    });
    // 55+ is accepted (TikTok's band), as are lower-case region codes and canonicalised language tags.
    const more = await postJson(key, [
      { ...good, eventId: 'ok-2', ageBand: '55+', region: 'us-ca', language: 'PT-br' },
    ]).expect(200);
    expect(more.body.accepted).toBe(1);
    const [row] = await db.query(`SELECT region, language FROM events WHERE event_id = 'ok-2'`);
    expect(row).toEqual({ region: 'US-CA', language: 'pt-BR' });
    // Ids are stored exactly, whatever characters they hold.
    const oddId = 'we"ird\\id,{NULL} ü';
    const odd = await postJson(key, [{ ...good, eventId: oddId }]).expect(200);
    expect(odd.body.accepted).toBe(1);
    const stored = await db.query(`SELECT event_id FROM events WHERE event_id = $1`, [oddId]);
    expect(stored).toEqual([{ event_id: oddId }]);
  });

  it('lays out a body whose keys are known as it is read, and resolves the rest from the first new one', async () => {
    const { org, key, campaignIds } = await setup(['mixed']);
    const row = (eventId: string, extra: Record<string, unknown> = {}) => ({
      eventId,
      occurredAt: '2026-05-01T10:00:00Z',
      campaign: 'mixed',
      creative: 'known',
      platform: 'tiktok',
      type: 'impression',
      ...extra,
    });
    await postJson(key, [row('first')]).expect(200); // registers the creative 'known'
    // The catalogue is loaded up front: m-1 is laid out as read; m-2 names a new creative, so it and every
    // row after it wait for their keys; m-1 again counts once (the first); the unknown campaign is refused.
    const res = await postJson(key, [
      row('m-1'),
      row('m-2', { creative: 'brand-new' }),
      row('m-3', { campaign: 'nowhere' }),
      row('m-4'),
      row('m-1', { creative: 'brand-new' }),
    ]).expect(200);
    expect(res.body).toMatchObject({ accepted: 3, duplicates: 1, rejected: 1 });
    expect(res.body.errors).toEqual([
      { index: 2, field: 'campaign', message: "unknown campaign 'nowhere' — create it first" },
    ]);
    const stored = await db.query<{ id: string; creative: string }[]>(
      `SELECT e.event_id AS id, c.key AS creative FROM events e JOIN creatives c ON c.org_id = e.org_id AND c.id = e.creative_id
        WHERE e.org_id = $2 AND e.campaign_id = $1 AND e.event_id LIKE 'm-%' ORDER BY e.event_id`,
      [campaignIds['mixed'], org.orgId],
    );
    expect(stored).toEqual([
      { id: 'm-1', creative: 'known' },
      { id: 'm-2', creative: 'brand-new' },
      { id: 'm-4', creative: 'known' },
    ]);
  });

  it('caps the error list and counts the rest', async () => {
    const { key } = await setup(['cap']);
    const rows = Array.from({ length: 150 }, (_, i) => ({
      eventId: `cap-${i}`,
      occurredAt: 'yesterday',
      campaign: 'cap',
      creative: 'a',
      platform: 'x',
      type: 'view',
    }));
    const res = await postJson(key, rows).expect(200);
    expect(res.body).toMatchObject({ accepted: 0, rejected: 150, errorsTruncated: 50 });
    expect(res.body.errors).toHaveLength(100);
  });

  it('answers malformed JSON, a wrong body shape, an unknown content type and too many events with what to fix', async () => {
    const { key } = await setup([]);
    const malformed = await request(app.getHttpServer())
      .post('/api/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/json')
      .send('[{"eventId": "a",')
      .expect(400);
    expect(malformed.body).toMatchObject({
      code: 'malformed_json',
      message: expect.stringContaining('not valid JSON'),
    });

    const shape = await postJson(key, { rows: [] }).expect(400);
    expect(shape.body).toMatchObject({ code: 'invalid_body' });

    const csv = await request(app.getHttpServer())
      .post('/api/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'text/csv')
      .send('a,b')
      .expect(415);
    expect(csv.body.message).toContain('application/x-ndjson');

    const utf16 = await request(app.getHttpServer())
      .post('/api/v1/events')
      .set('Authorization', `Bearer ${key}`)
      .set('Content-Type', 'application/json; charset=utf-16')
      .send(Buffer.from('[]', 'utf16le'))
      .expect(415);
    expect(utf16.body).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining('UTF-8') });

    const many = Array.from({ length: 10_001 }, (_, i) => ({ eventId: `${i}` }));
    const tooMany = await postJson(key, many).expect(413);
    expect(tooMany.body).toMatchObject({ code: 'too_many_events', details: { limit: 10_000, received: 10_001 } });
    expect(tooMany.body.message).toContain('At most 10,000 events');
  });

  it("stores each event under its organisation's day as PostgreSQL reckons it, across clock changes, and ids as sent", async () => {
    const { org, key } = await setup(['clocks']);
    await db.query(`UPDATE organizations SET time_zone = 'Australia/Lord_Howe' WHERE id = $1`, [org.orgId]);
    // Lord Howe Island moves its clocks by half an hour (+10:30 / +11:00); every quarter hour over both changes of 2026.
    const instants: string[] = [];
    for (const [from, to] of [
      ['2026-04-04T12:00:00Z', '2026-04-05T12:00:00Z'],
      ['2026-10-03T12:00:00Z', '2026-10-04T12:00:00Z'],
    ] as const) {
      for (let t = Date.parse(from); t <= Date.parse(to); t += 15 * 60_000) instants.push(new Date(t).toISOString());
    }
    // Ids COPY's text format must escape (a tab, a backslash, `\N`), and a quote.
    const oddIds = ['tab\there', 'back\\slash', '\\N', 'quote"d'];
    const events: Ev[] = instants.map((occurredAt, i) => ({
      eventId: oddIds[i] ?? `lh-${i}`,
      occurredAt,
      campaign: 'clocks',
      creative: 'c',
      platform: 'facebook',
      type: 'view',
      memberId: `m-${i % 9}`,
    }));
    const half = Math.floor(events.length / 2);
    const json = await postJson(key, events.slice(0, half)).expect(200);
    expect(json.body).toMatchObject({ accepted: half, duplicates: 0, rejected: 0 });
    // NDJSON: the rest, and a resend of the first half (stored already: duplicates).
    const ndjson = await postNdjson(key, events.map((e) => `${JSON.stringify(e)}\n`).join('')).expect(200);
    expect(ndjson.body).toMatchObject({ accepted: events.length - half, duplicates: half, rejected: 0 });

    const [check] = await db.query(
      `SELECT count(*)::int AS n,
              count(*) FILTER (WHERE day <> (occurred_at AT TIME ZONE 'Australia/Lord_Howe')::date)::int AS wrong_day
         FROM events WHERE org_id = $1`,
      [org.orgId],
    );
    expect(check).toEqual({ n: events.length, wrong_day: 0 });
    const stored: { id: string }[] = await db.query(
      `SELECT event_id AS id FROM events WHERE org_id = $1 AND event_id = ANY($2::text[]) ORDER BY event_id COLLATE "C"`,
      [org.orgId, oddIds],
    );
    expect(stored.map((r) => r.id)).toEqual([...oddIds].sort());
  });

  it('answers 503 ingest_interrupted, storing nothing, when the ingest thread stops under a request; the resend is stored', async () => {
    // An app of its own with one ingest thread, whatever this machine's cores.
    const threaded = await createTestApp({ RESONANCE_INGEST_THREADS: '1' });
    try {
      const org = await createTenant(threaded);
      const key = (await org.apiKey(['ingest'])).key;
      await org.agent.post('/api/v1/campaigns').send({ key: 'crash', name: 'crash' }).expect(201);
      const pool = (threaded.get(IngestService) as unknown as { threads: { threads: ({ worker: Worker } | null)[] } })
        .threads;
      // The thread stops while the api resolves the batch's keys (the batch is held by the thread then).
      const load = CatalogResolver.prototype.load;
      const spy = jest.spyOn(CatalogResolver.prototype, 'load').mockImplementationOnce(async function (
        this: CatalogResolver,
        rows,
      ) {
        await Promise.all(pool.threads.map((t) => t?.worker.terminate()));
        return load.call(this, rows);
      });
      const events = Array.from({ length: 20 }, (_, i) => ({
        eventId: `crash-${i}`,
        occurredAt: '2026-09-01T10:00:00Z',
        campaign: 'crash',
        creative: 'a',
        platform: 'x',
        type: 'impression',
      }));
      const post = () =>
        request(threaded.getHttpServer()).post('/api/v1/events').set('Authorization', `Bearer ${key}`).send(events);
      const failed = await post().expect(503);
      expect(failed.body).toMatchObject({
        code: 'ingest_interrupted',
        message: expect.stringContaining('nothing of this request is stored, resend it'),
      });
      spy.mockRestore();
      const db2 = threaded.get(DataSource);
      const [before] = await db2.query(`SELECT count(*)::int AS n FROM events WHERE org_id = $1`, [org.orgId]);
      expect(before.n).toBe(0);
      const resent = await post().expect(200);
      expect(resent.body).toMatchObject({ accepted: 20, duplicates: 0, rejected: 0 });
    } finally {
      await threaded.close();
    }
  });

  it('needs the ingest scope or an owner/manager session', async () => {
    const { org } = await setup(['scopes']);
    const readKey = (await org.apiKey(['read'])).key;
    const denied = await postJson(readKey, []).expect(403);
    expect(denied.body.message).toContain("'ingest' scope");
    const analyst = await org.addMember('analyst');
    await analyst.agent.post('/api/v1/events').send([]).expect(403);
    await org.agent.post('/api/v1/events').send([]).expect(200);
  });

  it('never resolves another organisation’s campaign keys', async () => {
    const a = await setup(['only-in-a']);
    const b = await setup([]);
    const event = {
      eventId: 'iso-1',
      occurredAt: '2026-05-01T10:00:00Z',
      campaign: 'only-in-a',
      creative: 'x',
      platform: 'x',
      type: 'view',
    };
    const res = await postJson(b.key, [event]).expect(200);
    expect(res.body).toMatchObject({ accepted: 0, rejected: 1, errors: [{ index: 0, field: 'campaign' }] });
    const [creatives] = await db.query(`SELECT count(*)::int AS n FROM creatives WHERE org_id = $1`, [a.org.orgId]);
    expect(creatives.n).toBe(0);
  });

  it('sets no whole-request deadline, so a stream may run longer than Node’s default 5 minutes', () => {
    expect((app.getHttpServer() as http.Server).requestTimeout).toBe(0);
  });

  it('keeps the chunks committed before a client drops the connection', async () => {
    const { org, key } = await setup(['dropped']);
    const line = (i: number): string =>
      `${JSON.stringify({ eventId: `dr-${i}`, occurredAt: '2026-05-03T09:00:00Z', campaign: 'dropped', creative: 'a', platform: 'x', type: 'view' })}\n`;
    const server = app.getHttpServer() as http.Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const req = http.request({
      port,
      host: '127.0.0.1',
      method: 'POST',
      path: '/api/v1/events',
      headers: {
        Authorization: `Bearer ${key}`,
        'Content-Type': 'application/x-ndjson',
        'Transfer-Encoding': 'chunked',
      },
    });
    req.on('error', () => undefined);
    // The server's handling of this stream, so the test can wait until it has finished (a chunk
    // being written when the connection dropped still commits) instead of guessing from timing.
    const service = app.get(IngestService);
    const ingestNdjson = service.ingestNdjson.bind(service);
    let handled: Promise<unknown> | null = null;
    const spy = jest.spyOn(service, 'ingestNdjson').mockImplementation((params) => {
      const running = ingestNdjson(params);
      handled = running.catch(() => undefined);
      return running;
    });
    let sent = 0;
    while (sent < 11_000) req.write(line(sent++));
    // Wait until the first chunk is committed, then cut the connection mid-stream (polls for the
    // condition; the cap only ends a hung run — a chunk's commit takes seconds on a loaded cluster).
    let stored = 0;
    for (let attempt = 0; attempt < 1_800 && stored === 0; attempt++) {
      await new Promise((r) => setTimeout(r, 50));
      stored =
        (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM events WHERE org_id = $1`, [org.orgId]))[0]
          ?.n ?? 0;
    }
    req.destroy();
    expect(handled).not.toBeNull();
    await handled;
    spy.mockRestore();
    const kept =
      (await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM events WHERE org_id = $1`, [org.orgId]))[0]?.n ??
      0;
    expect(kept).toBeGreaterThanOrEqual(5_000);
    expect(kept).toBeLessThan(11_000);

    // The sender retries everything: what was kept counts as duplicates, the rest is stored.
    const all = Array.from({ length: 11_000 }, (_, i) => line(i)).join('');
    const retry = await postNdjson(key, all).expect(200);
    expect(retry.body).toMatchObject({ accepted: 11_000 - kept, duplicates: kept, rejected: 0 });
  });
});
