import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { jest } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';
import { EXPORTS_DIR, VARIANTS_DIR, naiveCsv } from './parsers/parsers.test-helpers.js';

// Each test imports files through a worker thread and PostgreSQL; on a shared 2-core machine that can take a while.
jest.setTimeout(90_000);

const META_SAMPLE = 'meta-ads-age-gender-daily.csv';
const sample = (name: string): Buffer => readFileSync(`${EXPORTS_DIR}${name}`);
const variant = (name: string): Buffer => readFileSync(`${VARIANTS_DIR}${name}`);

/** The Meta sample's rows repeated `copies` times, each copy shifted by a week, so every row is new. */
function largeMetaCsv(copies: number): { csv: Buffer; rows: number; impressions: number } {
  const [header, ...rows] = naiveCsv(sample(META_SAMPLE).toString('utf8'));
  const impressionsAt = (header ?? []).indexOf('Impressions');
  const lines = [(header ?? []).join(',')];
  let impressions = 0;
  for (let copy = 0; copy < copies; copy += 1) {
    for (const row of rows) {
      const shifted = row.map((cell, i) => {
        if (i > 1) return /[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
        const day = new Date(`${cell}T00:00:00Z`);
        day.setUTCDate(day.getUTCDate() + 7 * copy);
        return day.toISOString().slice(0, 10);
      });
      impressions += Number(row[impressionsAt] ?? 0);
      lines.push(shifted.join(','));
    }
  }
  return { csv: Buffer.from(`${lines.join('\n')}\n`), rows: rows.length * copies, impressions };
}

async function metaXlsx(copies: number): Promise<Buffer> {
  const records = naiveCsv(sample(META_SAMPLE).toString('utf8'));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Raw Data Report');
  sheet.addRow(records[0] ?? []);
  for (let copy = 0; copy < copies; copy += 1) {
    for (const record of records.slice(1)) {
      sheet.addRow(record.map((cell) => (/^\d+$/.test(cell) ? Number(cell) : cell)));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('imports as jobs: never blocking, bounded, exactly once, scriptable', () => {
  let app: NestExpressApplication;
  let db: DataSource;

  beforeAll(async () => {
    app = await createTestApp();
    db = app.get(DataSource);
  });

  afterAll(async () => {
    await app.close();
  });

  async function campaign(tenant: Tenant, name: string, key = `c-${randomBytes(4).toString('hex')}`): Promise<void> {
    await db.query(`INSERT INTO campaigns (org_id, key, name) VALUES ($1, $2, $3)`, [tenant.orgId, key, name]);
  }

  async function dailyImpressions(orgId: string): Promise<number> {
    const [row] = await db.query<{ n: number }[]>(
      `SELECT coalesce(sum(impressions), 0)::int AS n FROM rollup_daily WHERE org_id = $1`,
      [orgId],
    );
    return row?.n ?? -1;
  }

  it('answers /health while a large import runs, and shows the import’s progress until it completes', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - You are not alone');
    const { csv, rows, impressions } = largeMetaCsv(30);
    let finished = false;
    const upload = t.agent
      .post('/api/v1/imports')
      .attach('file', csv, 'meta-large.csv')
      .then((res) => {
        finished = true;
        return res;
      });

    // Wait until the server reports the import part-way through its rows.
    let running: { status: string; progress: { rowsDone: number; bytesTotal: number } } | undefined;
    while (!finished) {
      const list = await t.agent.get('/api/v1/imports').expect(200);
      running = list.body.items[0];
      if (running?.status === 'running' && running.progress.rowsDone > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(finished).toBe(false);
    expect(running?.progress.rowsDone).toBeLessThan(rows);
    expect(running?.progress.bytesTotal).toBe(csv.length);
    // Requests issued now are answered before the import finishes.
    for (let i = 0; i < 3; i += 1) {
      const health = await request(app.getHttpServer()).get('/api/v1/health');
      expect(health.status).toBe(200);
      expect(finished).toBe(false);
    }

    const res = await upload;
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'completed', rowsRead: rows, rowsAccepted: rows, rowsRejected: 0 });
    expect(res.body.progress).toMatchObject({ rowsDone: rows, bytesDone: csv.length, phase: 'done' });
    expect(await dailyImpressions(t.orgId)).toBe(impressions);
  }, 180_000);

  it('with ?async=true answers 202 at once with the running import, which completes on its own', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - You are not alone');
    const { csv, rows, impressions } = largeMetaCsv(4);
    const accepted = await t.agent.post('/api/v1/imports?async=true').attach('file', csv, 'meta.csv').expect(202);
    expect(accepted.body).toMatchObject({ status: 'running', format: 'meta_ads' });
    let record = accepted.body;
    while (record.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      record = (await t.agent.get(`/api/v1/imports/${accepted.body.id as string}`).expect(200)).body;
    }
    expect(record).toMatchObject({ status: 'completed', rowsRead: rows, rowsAccepted: rows, failure: null });
    expect(await dailyImpressions(t.orgId)).toBe(impressions);
  }, 60_000);

  it.each([
    ['xlsx', 'meta.xlsx'],
    ['csv', 'meta.csv'],
  ])(
    'a %s file over the row limit is refused with 413 naming the limit, reading stops there, and nothing is stored',
    async (kind, name) => {
      const limited = await createTestApp({ RESONANCE_IMPORT_MAX_ROWS: '500' });
      try {
        const t = await createTenant(limited);
        await limited
          .get(DataSource)
          .query(`INSERT INTO campaigns (org_id, key, name) VALUES ($1, 'mham', 'MHAM 2026 - You are not alone')`, [
            t.orgId,
          ]);
        const file = kind === 'xlsx' ? await metaXlsx(3) : largeMetaCsv(3).csv;
        const res = await t.agent.post('/api/v1/imports').attach('file', file, name);
        expect(res.status).toBe(413);
        expect(res.body).toMatchObject({ code: 'too_many_rows', details: { limit: 500 } });
        expect(res.body.message).toContain('more than 500 data rows');
        expect(await dailyImpressions(t.orgId)).toBe(0);
        const list = await t.agent.get('/api/v1/imports').expect(200);
        expect(list.body.items[0]).toMatchObject({
          status: 'failed',
          failure: { statusCode: 413, code: 'too_many_rows' },
        });
        // Stopped at the limit: it never read the 2,205 rows.
        expect(list.body.items[0].rowsRead).toBeLessThanOrEqual(500);
      } finally {
        await limited.close();
      }
    },
    // A second app starts and stops here: on a loaded machine that alone can take most of a minute.
    180_000,
  );

  it('a row limit reached after batches were written and queued leaves nothing stored', async () => {
    // ISO dates settle nothing, so the first 5,000 rows go as one batch, then batches of 2,000: the first is
    // written and the second queued behind it when row 8,001 fails the file, so the rollback must wait for
    // the queued write and undo both.
    const limited = await createTestApp({ RESONANCE_IMPORT_MAX_ROWS: '8000' });
    try {
      const t = await createTenant(limited);
      const ldb = limited.get(DataSource);
      await ldb.query(
        `INSERT INTO campaigns (org_id, key, name) VALUES ($1, 'mham', 'MHAM 2026 - You are not alone')`,
        [t.orgId],
      );
      const res = await t.agent.post('/api/v1/imports').attach('file', largeMetaCsv(12).csv, 'meta.csv');
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'too_many_rows', details: { limit: 8000 } });
      const [stored] = await ldb.query<{ events: number; daily: number; periods: number; spend: number }[]>(
        `SELECT (SELECT count(*) FROM events WHERE org_id = $1)::int AS events,
                (SELECT count(*) FROM rollup_daily WHERE org_id = $1)::int AS daily,
                (SELECT count(*) FROM reported_periods WHERE org_id = $1)::int AS periods,
                (SELECT count(*) FROM reported_spend WHERE org_id = $1)::int AS spend`,
        [t.orgId],
      );
      expect(stored).toEqual({ events: 0, daily: 0, periods: 0, spend: 0 });
      const list = await t.agent.get('/api/v1/imports').expect(200);
      expect(list.body.items[0]).toMatchObject({ status: 'failed', failure: { code: 'too_many_rows' } });
      // It had written (and reported) at least the first batch when the limit was reached.
      expect(list.body.items[0].progress.rowsDone).toBeGreaterThanOrEqual(5000);
    } finally {
      await limited.close();
    }
  }, 180_000);

  it('two imports of one file at once store each figure once: one writes it, the other finds it stored', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - You are not alone');
    // The sample first, so both imports find its creatives (and its rows) stored; its three later weeks are
    // new to both: both write them as read, and the one that comes second fails on the first one's keys,
    // batch after batch, and compares them instead.
    await t.agent.post('/api/v1/imports').attach('file', sample(META_SAMPLE), META_SAMPLE).expect(201);
    const { csv, rows, impressions } = largeMetaCsv(4);
    const send = () => t.agent.post('/api/v1/imports').attach('file', csv, 'meta.csv').expect(201);
    const results = (await Promise.all([send(), send()])).map((r) => r.body);
    expect(results.map((r) => r.rowsAccepted + r.rowsDuplicate)).toEqual([rows, rows]);
    expect(results.map((r) => r.rowsAccepted).sort((a, b) => a - b)).toEqual([0, rows - 735]);
    expect(await dailyImpressions(t.orgId)).toBe(impressions);
    // The rollups a second writer would have added to (they sum on conflict) hold each figure once.
    const [rollups] = await db.query<{ creative: number; hourly: number; events: number }[]>(
      `SELECT (SELECT sum(impressions) FROM rollup_daily_creative WHERE org_id = $1)::int AS creative,
              (SELECT sum(impressions) FROM rollup_hourly WHERE org_id = $1)::int AS hourly,
              (SELECT sum(count) FROM events WHERE org_id = $1 AND type = 'impression')::int AS events`,
      [t.orgId],
    );
    expect(rollups).toEqual({ creative: impressions, hourly: impressions, events: impressions });
  });

  it.each([
    ['exports', 'meta-ads-age-gender-daily.csv', undefined],
    ['exports', 'tiktok-ads-age-gender-daily.csv', 'mham'],
    ['exports', 'instagram-content.csv', 'mham'],
    ['imports', 'meta-ads-platform-placement-region.csv', 'mham'],
    ['imports', 'tiktok-ads-enum-bands-footer.csv', 'mham'],
    ['imports', 'instagram-content-day-first.csv', 'mham'],
  ])('re-importing %s/%s unchanged reports 0 accepted and every valid row unchanged', async (dir, name, forced) => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - You are not alone', 'mham');
    const file = dir === 'exports' ? sample(name) : variant(name);
    const send = () => {
      const req = t.agent.post('/api/v1/imports');
      return (forced ? req.field('campaign', forced) : req).attach('file', file, name).expect(201);
    };
    const first = await send();
    expect(first.body.rowsAccepted).toBeGreaterThan(0);
    const valid = first.body.rowsRead - first.body.rowsRejected;
    const [before] = await db.query<unknown[]>(
      `SELECT (SELECT count(*) FROM events WHERE org_id = $1) AS events,
              (SELECT coalesce(sum(impressions), 0) FROM rollup_daily WHERE org_id = $1) AS daily,
              (SELECT coalesce(sum(impressions), 0) FROM reported_periods WHERE org_id = $1) AS periods`,
      [t.orgId],
    );
    const second = await send();
    expect(second.body).toMatchObject({ rowsAccepted: 0, rowsDuplicate: valid, creativesRegistered: 0 });
    const [after] = await db.query<unknown[]>(
      `SELECT (SELECT count(*) FROM events WHERE org_id = $1) AS events,
              (SELECT coalesce(sum(impressions), 0) FROM rollup_daily WHERE org_id = $1) AS daily,
              (SELECT coalesce(sum(impressions), 0) FROM reported_periods WHERE org_id = $1) AS periods`,
      [t.orgId],
    );
    expect(after).toEqual(before);
  });

  it('an API key with the import scope can import (audited with the key); a key without it cannot', async () => {
    const t = await createTenant(app);
    await campaign(t, 'MHAM 2026 - You are not alone');
    const importKey = await t.apiKey(['import']);
    const ingestKey = await t.apiKey(['ingest', 'read']);
    const post = (key: string) =>
      request(app.getHttpServer())
        .post('/api/v1/imports')
        .set('Authorization', `Bearer ${key}`)
        .attach('file', sample(META_SAMPLE), META_SAMPLE);

    const refused = await post(ingestKey.key).expect(403);
    expect(refused.body).toMatchObject({ code: 'missing_scope', message: expect.stringContaining("'import'") });
    expect(await dailyImpressions(t.orgId)).toBe(0);

    const res = await post(importKey.key).expect(201);
    expect(res.body).toMatchObject({ status: 'completed', rowsAccepted: 735, createdBy: null });
    const audit = await t.agent.get('/api/v1/audit?limit=200').expect(200);
    const entry = audit.body.items.find((e: { action: string }) => e.action === 'import.completed');
    expect(entry).toMatchObject({ actor: { apiKeyId: importKey.id }, target: { type: 'import', id: res.body.id } });
  });
});
