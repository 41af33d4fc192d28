import type { NestExpressApplication } from '@nestjs/platform-express';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { event, seeder } from '../analytics/analytics.test-helpers.js';
import { createTestApp } from '../../test/test-app.js';
import { createTenant, type Tenant } from '../../test/tenancy.js';

function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('exports', () => {
  let app: NestExpressApplication;
  let tenant: Tenant;
  const range = 'from=2026-05-01&to=2026-05-31&tz=UTC';

  beforeAll(async () => {
    app = await createTestApp();
    tenant = await createTenant(app);
    const seed = seeder(app, tenant.orgId);
    const campaignId = await seed.campaign('mham-2026');
    const creativeId = await seed.creative(campaignId, 'story', { platform: 'tiktok', format: 'personal_story' });
    const base = { campaignId, creativeId, occurredAt: '2026-05-10T12:00:00Z' };
    await seed.events([
      event({ ...base, type: 'impression', ageBand: '18-24', count: 400 }),
      event({ ...base, type: 'like', ageBand: '18-24', count: 30 }),
      event({ ...base, type: 'impression', ageBand: '25-34', count: 250 }),
      event({ ...base, type: 'like', ageBand: '25-34', count: 12 }),
      // A small cell: 4 impressions in 65+ must never leave the server.
      event({ ...base, type: 'impression', ageBand: '65+', count: 4 }),
    ]);
  });

  afterAll(async () => {
    await app.close();
  });

  it('writes the breakdown the screen shows as CSV, with "<11" for small cells, a total row and notes', async () => {
    const screen = await tenant.agent.get(`/api/v1/analytics/breakdown?${range}&by=ageBand`).expect(200);
    const res = await tenant.agent.get(`/api/v1/exports/breakdown.csv?${range}&by=ageBand`).expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="resonance-breakdown-2026-05-01-to-2026-05-31.csv"',
    );
    const [data, notes] = res.text.replace(/^\uFEFF/, '').split('\r\n\r\n');
    const rows: string[][] = parse(data ?? '');
    const header = rows[0] ?? [];
    const impressions = header.indexOf('Impressions');
    const byBand = new Map(rows.slice(1).map((r) => [r[0], r[impressions]]));
    for (const row of screen.body.rows as { key: { label: string }[]; current: { impressions: unknown } }[]) {
      const shown = row.current.impressions;
      const label = row.key[0]?.label ?? '';
      expect(byBand.get(label)).toBe(typeof shown === 'number' ? String(shown) : '<11');
    }
    expect([...byBand.values()]).toContain('<11');
    expect(res.text).not.toMatch(/(^|,)4(,|\r)/m);
    expect(rows.at(-1)?.[0]).toBe('Total (de-duplicated)');
    expect(notes).toContain('Suppression');
    // The same method statement as meta.suppression.note: cell-key perturbation and its bound.
    expect(notes).toContain(screen.body.meta.suppression.note);
    expect(notes).toContain('cell-key perturbation');
    expect(notes).toContain('Engagement rate');
    expect(notes).toContain('2026-05-01 to 2026-05-31 (UTC)');
  });

  it('writes the segment report as XLSX with a Data and a Notes sheet', async () => {
    const res = await tenant.agent.get(`/api/v1/exports/segments.xlsx?${range}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const data = workbook.getWorksheet('Data');
    expect(data?.getRow(1).getCell(1).value).toBe('Segment');
    expect((data?.rowCount ?? 0) - 1).toBeGreaterThan(0);
    expect(workbook.getWorksheet('Notes')?.getRow(1).getCell(1).value).toBe('Note');
  });

  it("labels a rate's change as percentage points, never as a percentage, and gives each segment's rule", async () => {
    const res = await tenant.agent.get(`/api/v1/exports/segments.xlsx?${range}`).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="resonance-segments-2026-05-01-to-2026-05-31.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as ArrayBuffer);
    const data = workbook.getWorksheet('Data')!;
    const headers = (data.getRow(1).values as unknown[]).slice(1);
    expect(headers[1]).toBe('Rule');
    const points = headers.indexOf('Engagement rate Δ (percentage points)') + 1;
    expect(points).toBeGreaterThan(0);
    expect(data.getColumn(points).numFmt).not.toContain('%');
    expect(data.getColumn(points).numFmt).toContain('pts');
    expect(data.getColumn(headers.indexOf('Engagement rate') + 1).numFmt).toBe('0.00%');
    const rules = new Map(
      data
        .getSheetValues()
        .slice(2)
        .map((row) => [(row as unknown[])[1] as string, (row as unknown[])[2] as string]),
    );
    expect(rules.get('Young adults 18–24')).toBe('age 18-24');

    const csv = await tenant.agent.get(`/api/v1/exports/segments.csv?${range}`).expect(200);
    const [header] = parse(csv.text.replace(/^\uFEFF/, '').split('\r\n\r\n')[0] ?? '') as string[][];
    expect(header).toEqual(headers);
  });

  it('writes every export to the audit log', async () => {
    await tenant.agent.get(`/api/v1/exports/summary.csv?${range}`).expect(200);
    const audit = await tenant.agent.get('/api/v1/audit?limit=50').expect(200);
    const exportsLogged = (audit.body.items as { action: string; target: { id: string } | null }[]).filter(
      (e) => e.action === 'export.downloaded',
    );
    expect(exportsLogged.map((e) => e.target?.id)).toContain('summary.csv');
  });

  it.each([
    ['breakdown.csv', `${range}`, 400, 'missing_parameter'],
    ['report.pdf', `${range}`, 404, 'unknown_export'],
    ['summary.csv', 'from=2026-05-31&to=2026-05-01', 400, undefined],
  ])('answers %s?%s with %i and a JSON error', async (file, qs, status, code) => {
    const res = await tenant.agent.get(`/api/v1/exports/${file}?${qs}`).expect(status);
    expect(res.body.statusCode).toBe(status);
    if (code) expect(res.body.code).toBe(code);
    expect(res.body.message).toEqual(expect.any(String));
  });

  it('is for owners, managers and analysts: a viewer gets 403', async () => {
    const viewer = await tenant.addMember('viewer');
    const res = await viewer.agent.get(`/api/v1/exports/summary.csv?${range}`).expect(403);
    expect(res.body.code).toBe('forbidden_role');
  });

  it("never contains another organisation's figures", async () => {
    const other = await createTenant(app);
    const res = await other.agent.get(`/api/v1/exports/breakdown.csv?${range}&by=ageBand`).expect(200);
    const rows: string[][] = parse(res.text.replace(/^\uFEFF/, '').split('\r\n\r\n')[0] ?? '');
    expect(rows.slice(1).map((r) => r[0])).toEqual(['Total (de-duplicated)']);
    expect(rows[1]?.[1]).toBe('0');
  });
});
