import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Agent, type Tenant } from '../../test/tenancy.js';
import { EXPORTS_DIR, VARIANTS_DIR, naiveCsv } from './parsers/parsers.test-helpers.js';

// Each test imports files through a worker thread and PostgreSQL; on a shared 2-core machine that can take a while.
jest.setTimeout(90_000);

const sample = (name: string): Buffer => readFileSync(`${EXPORTS_DIR}${name}`);
const variant = (name: string): Buffer => readFileSync(`${VARIANTS_DIR}${name}`);

interface Totals {
  dailyImpressions: number;
  periodImpressions: number;
  events: number;
  periods: number;
  creatives: number;
}

describe('platform-export imports (POST/GET /api/v1/imports)', () => {
  let app: NestExpressApplication;
  let db: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  async function campaign(
    tenant: Tenant,
    name: string,
    key = `c-${randomBytes(4).toString('hex')}`,
  ): Promise<{ id: string; key: string }> {
    const rows = await db.query<{ id: string }[]>(
      `INSERT INTO campaigns (org_id, key, name) VALUES ($1, $2, $3) RETURNING id`,
      [tenant.orgId, key, name],
    );
    return { id: rows[0]?.id ?? '', key };
  }

  function upload(
    agent: Agent,
    file: Buffer,
    fileName: string,
    fields: Record<string, string> = {},
    query = '',
  ): ReturnType<Agent['post']> {
    let req = agent.post(`/api/v1/imports${query}`);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    return req.attach('file', file, fileName);
  }

  async function totals(orgId: string): Promise<Totals> {
    const [row] = await db.query<Totals[]>(
      `SELECT
         (SELECT coalesce(sum(impressions), 0)::int FROM rollup_daily WHERE org_id = $1) AS "dailyImpressions",
         (SELECT coalesce(sum(impressions), 0)::int FROM reported_periods WHERE org_id = $1) AS "periodImpressions",
         (SELECT count(*)::int FROM events WHERE org_id = $1) AS "events",
         (SELECT count(*)::int FROM reported_periods WHERE org_id = $1) AS "periods",
         (SELECT count(*)::int FROM creatives WHERE org_id = $1) AS "creatives"`,
      [orgId],
    );
    if (!row) throw new Error('no totals');
    return row;
  }

  /** Column total by a reader that is not the code under test. */
  function columnTotal(file: Buffer, header: string): number {
    const [head, ...rows] = naiveCsv(file.toString('utf8'));
    const index = (head ?? []).indexOf(header);
    return rows.reduce((sum, r) => sum + (/^\d+$/.test(r[index] ?? '') ? Number(r[index]) : 0), 0);
  }

  it('imports the Meta Ads sample into daily rollups: every impression once, reach kept at the row grain', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - You are not alone', 'mham-2026');
    const file = sample('meta-ads-age-gender-daily.csv');
    const res = await upload(t.agent, file, 'meta-ads-age-gender-daily.csv').expect(201);
    expect(res.body).toMatchObject({
      format: 'meta_ads',
      fileName: 'meta-ads-age-gender-daily.csv',
      rowsRead: 735,
      rowsAccepted: 735,
      rowsDuplicate: 0,
      rowsRejected: 0,
      creativesRegistered: 5,
      errors: [],
    });
    expect(res.body.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(res.body.mapping).toMatchObject({ impression: 'Impressions', campaign: 'Campaign name' });
    expect(columnTotal(file, 'Impressions')).toBe(349_429);
    const after = await totals(t.orgId);
    expect(after.dailyImpressions).toBe(349_429);
    // Single-day rows: reach is a reported period at the row's grain, with no counts of its own.
    expect(after.periodImpressions).toBe(0);
    expect(after.periods).toBe(735);
    const [reach] = await db.query<{ reach: number; grains: string[] }[]>(
      `SELECT sum(reach)::int AS reach, array_agg(DISTINCT grain) AS grains FROM reported_periods WHERE org_id = $1`,
      [t.orgId],
    );
    expect(reach).toEqual({ reach: columnTotal(file, 'Reach'), grains: ['day|ad|age|gender'] });
    const creatives = await db.query<{ name: string; needs_details: boolean; platform: string }[]>(
      `SELECT name, needs_details, platform FROM creatives WHERE org_id = $1 ORDER BY name`,
      [t.orgId],
    );
    expect(creatives.map((c) => c.name)).toContain("Reel - Sam's story");
    expect(creatives.every((c) => c.needs_details && c.platform === 'facebook')).toBe(true);
    // Events land on the org-local day at midnight; no member.
    const [event] = await db.query<{ members: number; days: number }[]>(
      `SELECT count(member_hash)::int AS members, count(DISTINCT day)::int AS days FROM events WHERE org_id = $1`,
      [t.orgId],
    );
    expect(event).toEqual({ members: 0, days: 7 });
  });

  it('importing the same file twice changes nothing, and the second record says every row was a duplicate', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - TikTok', 'mham-2026-tiktok');
    const file = sample('tiktok-ads-age-gender-daily.csv');
    const first = await upload(t.agent, file, 'tiktok.csv').expect(201);
    expect(first.body).toMatchObject({
      format: 'tiktok_ads',
      rowsRead: 378,
      rowsAccepted: 378,
      rowsDuplicate: 0,
      rowsRejected: 0,
    });
    const once = await totals(t.orgId);
    expect(once.dailyImpressions).toBe(293_199);

    const second = await upload(t.agent, file, 'tiktok.csv').expect(201);
    expect(second.body).toMatchObject({ rowsRead: 378, rowsAccepted: 0, rowsDuplicate: 378, creativesRegistered: 0 });
    expect(second.body.checksum).toBe(first.body.checksum);
    expect(await totals(t.orgId)).toEqual(once);
    const [rollup] = await db.query<{ impressions: number }[]>(
      `SELECT sum(impressions)::int AS impressions FROM rollup_daily_creative WHERE org_id = $1`,
      [t.orgId],
    );
    expect(rollup?.impressions).toBe(293_199);

    const list = await t.agent.get('/api/v1/imports').expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([second.body.id, first.body.id]);
    expect(list.body.items[0]).not.toHaveProperty('errors');
    const audit = await t.agent.get('/api/v1/audit').expect(200);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'import.completed')).toHaveLength(2);
  });

  it.each([
    ['instagram-content.csv', 'instagram_content', 24, 271_093],
    ['x-post-analytics.csv', 'x_post_analytics', 20, 143_603],
  ])(
    '%s (lifetime per post) needs campaign= and lands in reported periods, never in daily rollups',
    async (name, format, rows, impressions) => {
      const t = await createTenant(app);
      const c = await campaign(t, 'May posts', 'may-posts');
      const refused = await upload(t.agent, sample(name), name).expect(201);
      expect(refused.body).toMatchObject({ rowsRead: rows, rowsAccepted: 0, rowsRejected: rows });
      expect(refused.body.errors[0]).toMatchObject({ rowNumber: 2, field: 'campaign' });

      const res = await upload(t.agent, sample(name), name, { campaign: 'MAY-POSTS' }).expect(201);
      expect(res.body).toMatchObject({
        format,
        rowsRead: rows,
        rowsAccepted: rows,
        rowsRejected: 0,
        campaignId: c.id,
        creativesRegistered: rows,
      });
      const after = await totals(t.orgId);
      expect(after).toMatchObject({
        dailyImpressions: 0,
        events: 0,
        periodImpressions: impressions,
        periods: rows,
        creatives: rows,
      });
      const [grain] = await db.query<{ grains: string[]; ext: number }[]>(
        `SELECT array_agg(DISTINCT p.grain) AS grains, count(*) FILTER (WHERE c.external_ids <> '{}')::int AS ext
         FROM reported_periods p JOIN creatives c ON c.org_id = p.org_id AND c.id = p.creative_id WHERE p.org_id = $1`,
        [t.orgId],
      );
      expect(grain).toEqual({ grains: ['lifetime|post'], ext: rows });
      // By name works too, and a re-import is all duplicates.
      const again = await upload(t.agent, sample(name), name, { campaign: 'may posts' }).expect(201);
      expect(again.body).toMatchObject({ rowsAccepted: 0, rowsDuplicate: rows });
      expect(await totals(t.orgId)).toEqual(after);
    },
  );

  it('reads an XLSX export like its CSV, and an overlapping export adds nothing', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - You are not alone', 'mham-2026');
    const records = naiveCsv(sample('meta-ads-age-gender-daily.csv').toString('utf8'));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Raw Data Report');
    records.forEach((record, i) =>
      sheet.addRow(i === 0 ? record : record.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell))),
    );
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(t.agent, xlsx, 'meta.xlsx').expect(201);
    expect(res.body).toMatchObject({ format: 'meta_ads', rowsRead: 735, rowsAccepted: 735, rowsRejected: 0 });
    expect((await totals(t.orgId)).dailyImpressions).toBe(349_429);
    // The CSV of the same figures (a different file) is all duplicates.
    const csv = await upload(t.agent, sample('meta-ads-age-gender-daily.csv'), 'meta.csv').expect(201);
    expect(csv.body).toMatchObject({ rowsAccepted: 0, rowsDuplicate: 735 });
    expect((await totals(t.orgId)).dailyImpressions).toBe(349_429);
  });

  it('a dry run previews format, mapping, rows and errors and writes nothing', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - You are not alone', 'mham-2026');
    const before = await totals(t.orgId);
    const res = await upload(t.agent, sample('meta-ads-age-gender-daily.csv'), 'meta.csv', {}, '?dryRun=true').expect(
      201,
    );
    expect(res.body).toMatchObject({
      dryRun: true,
      format: 'meta_ads',
      rowsRead: 735,
      rowsValid: 735,
      rowsRejected: 0,
      errors: [],
    });
    expect(res.body.rows).toHaveLength(20);
    expect(res.body.rows[0]).toMatchObject({
      rowNumber: 2,
      periodStart: '2026-05-01',
      campaign: 'MHAM 2026 - You are not alone',
      creative: "Reel - Sam's story",
      ageBand: '13-17',
      gender: 'female',
      counts: { impression: 343 },
      reach: 234,
      storedAs: 'daily_events',
      newCreative: true,
    });
    expect(res.body.newCreatives).toHaveLength(5);
    expect(res.body.mapping.impression).toBe('Impressions');
    expect(await totals(t.orgId)).toEqual(before);
    expect((await t.agent.get('/api/v1/imports').expect(200)).body.total).toBe(0);
  });

  it('bad rows are listed with row, column and reason; the good rows are imported', async () => {
    const t = await createTenant(app);
    await campaign(t, 'X posts', 'x-posts');
    const res = await upload(t.agent, variant('x-post-analytics-bad-values.csv'), 'x-bad.csv', {
      campaign: 'x-posts',
    }).expect(201);
    expect(res.body).toMatchObject({ rowsRead: 5, rowsAccepted: 2, rowsRejected: 3 });
    expect(res.body.errors).toEqual([
      { rowNumber: 3, field: 'Likes', message: '"Likes" must not be negative: "-3".', value: '-3' },
      {
        rowNumber: 4,
        field: 'Date',
        message: '"Date" is not a date we can read: "Someday, 2026".',
        value: 'Someday, 2026',
      },
      { rowNumber: 5, field: 'Impressions', message: '"Impressions" must be a whole number: "lots".', value: 'lots' },
      { rowNumber: 5, field: 'Reposts', message: '"Reposts" must be a whole number: "two".', value: 'two' },
    ]);
    expect((await totals(t.orgId)).periodImpressions).toBe(4898 + 2179);
    const stored = await t.agent.get(`/api/v1/imports/${res.body.id as string}`).expect(200);
    expect(stored.body.errors).toEqual(res.body.errors);
  });

  it('rows naming an unknown campaign are refused with what to do; the known campaign’s rows are imported', async () => {
    const t = await createTenant(app);
    await campaign(t, 'Known campaign', 'known');
    const header = 'Day,Campaign name,Ad name,Age,Gender,Impressions,Link clicks';
    const csv = [
      header,
      '2026-05-01,known,Ad A,18-24,female,100,3',
      '2026-05-01,Mystery,Ad A,18-24,female,50,1',
      '',
    ].join('\n');
    const res = await upload(t.agent, Buffer.from(csv), 'meta.csv').expect(201);
    expect(res.body).toMatchObject({ rowsRead: 2, rowsAccepted: 1, rowsRejected: 1 });
    const message =
      "This file's campaign 'Mystery' doesn't exist yet — create it, or import the whole file into an existing campaign.";
    expect(res.body.errors).toEqual([{ rowNumber: 3, field: 'Campaign name', message, value: 'Mystery' }]);
    expect(res.body.errorGroups).toEqual([
      {
        field: 'Campaign name',
        message,
        count: 1,
        rows: [3],
        action: {
          kind: 'create_campaign',
          campaign: 'Mystery',
          label: 'Create it, or import the whole file into an existing campaign.',
        },
      },
    ]);
    expect((await totals(t.orgId)).dailyImpressions).toBe(100);

    const unknown = await upload(t.agent, Buffer.from(csv), 'meta.csv', { campaign: 'nope' }).expect(422);
    expect(unknown.body).toMatchObject({ code: 'unknown_campaign', details: { field: 'campaign', value: 'nope' } });
  });

  it('a multi-day Meta period stays a reported period, never invented daily figures; rows landing on one cell add up and drop reach', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - India', 'mham-2026-in');
    const res = await upload(t.agent, variant('meta-ads-platform-placement-region.csv'), 'meta-period.csv').expect(201);
    expect(res.body).toMatchObject({ rowsRead: 4, rowsRejected: 0 });
    const after = await totals(t.orgId);
    // Audience Network and Messenger both count as platform 'other': one cell, counts added, reach not combinable.
    expect(after).toMatchObject({ events: 0, dailyImpressions: 0, periods: 3 });
    const cells = await db.query<
      { platform: string; reach: string | null; period_start: string; period_end: string }[]
    >(
      `SELECT platform, reach, period_start::text, period_end::text FROM reported_periods WHERE org_id = $1 ORDER BY platform`,
      [t.orgId],
    );
    expect(cells).toEqual([
      { platform: 'facebook', reach: '2410', period_start: '2026-05-01', period_end: '2026-05-07' },
      { platform: 'instagram', reach: '9315', period_start: '2026-05-01', period_end: '2026-05-07' },
      { platform: 'other', reach: null, period_start: '2026-05-01', period_end: '2026-05-07' },
    ]);
    const file = variant('meta-ads-platform-placement-region.csv');
    const [head, ...rows] = naiveCsv(file.toString('utf8'));
    const idx = (head ?? []).indexOf('Impressions');
    const expected = rows.reduce((s, r) => s + Number((r[idx] ?? '0').replace(/,/g, '')), 0);
    expect(after.periodImpressions).toBe(expected);
  });

  it('a daily export by region and placement: placements of a cell add up across the whole file, and a re-import finds every figure stored', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - Regions', 'mham-2026-regions');
    // 1,200 cells (10 ads × 30 days × 4 regions), one row per placement, all Feed rows first: the
    // import reads in batches of 2,000 rows, so a cell's Stories row often comes a batch after its Feed row
    // (US dates, so the day/month order is settled on day 13 rather than after 5,000 rows).
    const header = [
      'Reporting starts',
      'Reporting ends',
      'Campaign name',
      'Ad name',
      'Region',
      'Placement',
      'Amount spent (INR)',
      'Impressions',
      'Reach',
      'Link clicks',
      'Post reactions',
    ];
    const rows: string[][] = [];
    for (const [p, placement] of ['Feed', 'Stories'].entries()) {
      for (let day = 1; day <= 30; day += 1) {
        for (let ad = 1; ad <= 10; ad += 1) {
          for (const region of ['Kerala', 'Goa', 'Delhi', 'Assam']) {
            const date = `04/${String(day).padStart(2, '0')}/2026`;
            const seed = (day * 31 + ad * 7 + region.length * 3 + p * 11) % 97;
            // Some rows report no clicks: a cell's click event may first appear with its second row.
            rows.push([
              date,
              date,
              'MHAM 2026 - Regions',
              `Ad ${ad}`,
              region,
              placement,
              (seed / 10).toFixed(2),
              String(100 + seed),
              String(60 + seed),
              String(p === 0 ? seed % 3 : seed % 5),
              String(seed % 7),
            ]);
          }
        }
      }
    }
    const file = Buffer.from(`${[header, ...rows].map((r) => r.join(',')).join('\n')}\n`);
    const sum = (index: number): number => rows.reduce((total, r) => total + Number(r[index]), 0);
    const first = await upload(t.agent, file, 'meta-regions.csv').expect(201);
    expect(first.body).toMatchObject({ rowsRead: 2_400, rowsAccepted: 2_400, rowsNew: 2_400, rowsRejected: 0 });

    const figures = async (): Promise<Record<string, number>> => {
      const [row] = await db.query<Record<string, number>[]>(
        `SELECT
           (SELECT coalesce(sum(impressions), 0)::int FROM rollup_daily WHERE org_id = $1) AS "dailyImpressions",
           (SELECT coalesce(sum(clicks), 0)::int FROM rollup_daily WHERE org_id = $1) AS "dailyClicks",
           (SELECT coalesce(sum(likes), 0)::int FROM rollup_daily_creative WHERE org_id = $1) AS "creativeLikes",
           (SELECT coalesce(sum(impressions), 0)::int FROM rollup_hourly WHERE org_id = $1) AS "hourlyImpressions",
           (SELECT coalesce(sum(count), 0)::int FROM events WHERE org_id = $1 AND type = 'click') AS "clickEvents",
           (SELECT count(*)::int FROM events WHERE org_id = $1) AS "events",
           (SELECT count(*)::int FROM reported_periods WHERE org_id = $1) AS "periods",
           (SELECT count(*)::int FROM reported_periods WHERE org_id = $1 AND reach IS NOT NULL) AS "periodsWithReach",
           (SELECT coalesce(sum(spend_micros), 0)::float8 FROM reported_spend WHERE org_id = $1) AS "spendMicros",
           (SELECT coalesce(sum(impressions), 0)::int FROM reported_spend WHERE org_id = $1) AS "spendImpressions"`,
        [t.orgId],
      );
      if (!row) throw new Error('no figures');
      return row;
    };
    // Each cell's events: one per type its two rows report anything for, with the two rows added.
    const cells = new Map<string, number[]>();
    for (const r of rows) {
      const key = `${r[0]}|${r[3]}|${r[4]}`;
      const sums = cells.get(key) ?? [0, 0, 0];
      cells.set(key, [sums[0]! + Number(r[7]), sums[1]! + Number(r[9]), sums[2]! + Number(r[10])]);
    }
    const events = [...cells.values()].reduce((n, sums) => n + sums.filter((v) => v > 0).length, 0);
    const once = await figures();
    expect(once).toEqual({
      dailyImpressions: sum(7),
      dailyClicks: sum(9),
      creativeLikes: sum(10),
      hourlyImpressions: sum(7),
      clickEvents: sum(9),
      events,
      // One reach figure per cell, unknown: two placements' reach cannot be added.
      periods: 1_200,
      periodsWithReach: 0,
      spendMicros: Math.round(rows.reduce((total, r) => total + Number(r[6]) * 100, 0)) * 10_000,
      spendImpressions: sum(7),
    });

    // Compared key by key with what the first import stored: every figure is there already.
    const again = await upload(t.agent, file, 'meta-regions.csv').expect(201);
    expect(again.body).toMatchObject({
      rowsRead: 2_400,
      rowsAccepted: 0,
      rowsNew: 0,
      rowsRevised: 0,
      rowsDuplicate: 2_400,
    });
    expect(await figures()).toEqual(once);
  });

  it('an unknown file is refused with the recognised formats and the headers seen', async () => {
    const t = await createTenant(app);
    const res = await upload(t.agent, variant('unknown-headers.csv'), 'unknown.csv').expect(422);
    expect(res.body.code).toBe('unrecognised_format');
    expect(res.body.details.recognisedFormats.map((f: { format: string }) => f.format).sort()).toEqual([
      'instagram_content',
      'meta_ads',
      'tiktok_ads',
      'x_post_analytics',
    ]);
    expect(res.body.details.headers.length).toBeGreaterThan(0);
    const missing = await t.agent.post('/api/v1/imports').field('campaign', 'x').expect(400);
    expect(missing.body).toMatchObject({ code: 'file_missing' });
  });

  it('a viewer may read imports but not import; nobody signed out may do either', async () => {
    const t = await createTenant(app);
    const viewer = await t.addMember('viewer');
    const res = await upload(viewer.agent, sample('x-post-analytics.csv'), 'x.csv').expect(403);
    expect(res.body.code).toBe('forbidden_role');
    await viewer.agent.get('/api/v1/imports').expect(200);
    const manager = await t.addMember('manager');
    await campaign(t, 'X', 'x');
    await upload(manager.agent, sample('x-post-analytics.csv'), 'x.csv', { campaign: 'x' }).expect(201);
    const key = await t.apiKey(['read']);
    const list = await viewer.agent.get('/api/v1/imports').set('Authorization', `Bearer ${key.key}`).expect(200);
    expect(list.body.total).toBe(1);
    await request(app.getHttpServer()).get('/api/v1/imports').expect(401);
    await request(app.getHttpServer())
      .post('/api/v1/imports')
      .attach('file', sample('x-post-analytics.csv'), 'x.csv')
      .expect(401);
  });

  it('a file over the upload limit gets 413 naming the limit', async () => {
    const small = await createTestApp({ RESONANCE_BODY_LIMIT_BYTES: '65536' });
    try {
      const t = await createTenant(small);
      const big = Buffer.concat([sample('meta-ads-age-gender-daily.csv'), sample('meta-ads-age-gender-daily.csv')]);
      expect(big.length).toBeGreaterThan(65536);
      const res = await upload(t.agent, big, 'big.csv');
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'file_too_large', details: { limitBytes: 65536 } });
      expect(res.body.message).toContain('0.1 MB');
    } finally {
      await small.close();
    }
  });

  it('an upload refused for a bad field leaves no temporary file behind', async () => {
    const t = await createTenant(app);
    const marker = `refused-upload-${randomBytes(8).toString('hex')}`;
    const file = Buffer.concat([sample('x-post-analytics.csv'), Buffer.from(`${marker}\n`)]);
    const res = await upload(t.agent, file, 'x.csv', { dateOrder: 'ymd' });
    expect(res.status).toBe(400);
    // Other suites upload at the same time: look for this file by its content.
    const dir = path.join(os.tmpdir(), 'resonance-imports');
    const left = readdirSync(dir).filter((name) => {
      try {
        return readFileSync(path.join(dir, name), 'utf8').includes(marker);
      } catch {
        return false; // removed meanwhile by another suite's import
      }
    });
    expect(left).toEqual([]);
  });

  it('another organisation sees none of the imports and gets 404 for their ids', async () => {
    const a = await createTenant(app);
    const b = await createTenant(app);
    await campaign(a, 'X', 'x');
    const res = await upload(a.agent, sample('x-post-analytics.csv'), 'x.csv', { campaign: 'x' }).expect(201);
    await b.agent.get(`/api/v1/imports/${res.body.id as string}`).expect(404);
    expect((await b.agent.get('/api/v1/imports').expect(200)).body).toEqual({ items: [], total: 0 });
    // B cannot import into A's campaign by naming it.
    await campaign(b, 'Other', 'other');
    await upload(b.agent, sample('x-post-analytics.csv'), 'x.csv', { campaign: 'x' }).expect(422);
  });
});
